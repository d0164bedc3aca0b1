using TypedFga.Embedded.Authorization;
using TypedFga.Embedded.Errors;
using TypedFga.Embedded.Storage;
using TypedFga.Wire;

namespace TypedFga.Embedded.Validation;

/// <summary>
/// Checks tuples against a model as OpenFGA does: on read, tuples that no longer fit the model are ignored;
/// on write (and for contextual tuples) they are refused with OpenFGA's error code.
/// </summary>
internal static class TupleModelValidator
{
    /// <summary>OpenFGA's ValidateTupleForRead: does a stored tuple still fit the model's type restrictions and conditions?</summary>
    public static bool FitsModel(AuthorizationTypeSystem model, StoredTuple tuple) =>
        Problem(model, tuple.ObjectType, tuple.Relation, tuple.User, tuple.ConditionName) is null;

    /// <summary>
    /// Parses and validates a tuple to be written or sent as a contextual tuple; throws <see cref="FgaEngineException"/>
    /// with <paramref name="fitCode"/> when it does not fit the model.
    /// </summary>
    public static StoredTuple Parse(AuthorizationTypeSystem model, ApiTupleKey key, FgaErrorCode fitCode, long insertedAt = 0)
    {
        var text = $"user: '{key.User}', relation: '{key.Relation}', object: '{key.Object}'";
        if (string.IsNullOrEmpty(key.Relation) || string.IsNullOrEmpty(key.Object) || string.IsNullOrEmpty(key.User))
        {
            throw new FgaEngineException(fitCode == FgaErrorCode.InvalidTuple ? fitCode : FgaErrorCode.ValidationError, $"invalid tuple {text}: the user, relation and object are required");
        }

        if (!TupleObject.TryParse(key.Object, out var obj))
        {
            throw new FgaEngineException(fitCode == FgaErrorCode.InvalidTuple ? fitCode : FgaErrorCode.ValidationError, $"invalid 'object' field format in tuple {text}");
        }

        if (!TupleUser.TryParse(key.User, out var user))
        {
            throw new FgaEngineException(fitCode == FgaErrorCode.InvalidTuple ? fitCode : FgaErrorCode.ValidationError, $"the 'user' field is malformed in tuple {text}");
        }

        if (!model.HasType(obj.Type))
        {
            throw new FgaEngineException(fitCode == FgaErrorCode.InvalidTuple ? fitCode : FgaErrorCode.TypeNotFound, $"type '{obj.Type}' not found in tuple {text}");
        }

        if (model.GetRelation(obj.Type, key.Relation) is null)
        {
            throw new FgaEngineException(fitCode == FgaErrorCode.InvalidTuple ? fitCode : FgaErrorCode.RelationNotFound, $"relation '{obj.Type}#{key.Relation}' not found in tuple {text}");
        }

        if (user.Kind == TupleUserKind.Userset && user.Type == obj.Type && user.Id == obj.Id && user.Relation == key.Relation)
        {
            throw new FgaEngineException(fitCode, $"cannot write a tuple that is implicit: {text}");
        }

        var conditionName = string.IsNullOrEmpty(key.Condition?.Name) ? null : key.Condition!.Name;
        var problem = Problem(model, obj.Type, key.Relation, user, conditionName);
        if (problem is not null)
        {
            throw new FgaEngineException(fitCode, $"invalid tuple {text}: {problem}");
        }

        var context = conditionName is null ? null : key.Condition!.Context;
        if (conditionName is not null && context is not null)
        {
            var evaluator = model.Conditions[conditionName];
            foreach (var (parameter, value) in context)
            {
                if (!evaluator.Parameters.TryGetValue(parameter, out var type))
                {
                    throw new FgaEngineException(fitCode, $"invalid tuple {text}: found invalid context parameter: {parameter}");
                }

                try
                {
                    Authorization.Conditions.ConditionValueConverter.Convert(value, type);
                }
                catch (FormatException e)
                {
                    throw new FgaEngineException(fitCode, $"invalid tuple {text}: failed to convert context parameter '{parameter}': {e.Message}");
                }
            }
        }

        return new StoredTuple(obj.Type, obj.Id, key.Relation, user, conditionName, context?.DeepClone().AsObject(), insertedAt);
    }

    private static string? Problem(AuthorizationTypeSystem model, string objectType, string relation, TupleUser user, string? conditionName)
    {
        var info = model.GetRelation(objectType, relation);
        if (info is null)
        {
            return $"relation '{objectType}#{relation}' not found";
        }

        if (info.IsTupleset && user.Kind != TupleUserKind.Object)
        {
            return $"unexpected user '{user}' with tupleset relation '{objectType}#{relation}'";
        }

        // Indexed loops rather than LINQ or foreach, which allocate: Check asks this of every tuple it reads.
        var admitted = false;
        var admittedWithoutCondition = false;
        for (var i = 0; i < info.DirectTypes.Count; i++)
        {
            var restriction = info.DirectTypes[i];
            if (restriction.Admits(user))
            {
                admitted = true;
                admittedWithoutCondition |= restriction.Condition is null;
            }
        }

        if (!admitted)
        {
            return user.Kind switch
            {
                TupleUserKind.Userset => $"'{user.Type}#{user.Relation}' is not an allowed type restriction for '{objectType}#{relation}'",
                TupleUserKind.Wildcard => $"the typed wildcard '{user}' is not an allowed type restriction for '{objectType}#{relation}'",
                _ => $"type '{user.Type}' is not an allowed type restriction for '{objectType}#{relation}'",
            };
        }

        if (conditionName is null)
        {
            return admittedWithoutCondition ? null : "condition is missing";
        }

        if (!model.Conditions.ContainsKey(conditionName))
        {
            return $"undefined condition '{conditionName}'";
        }

        for (var i = 0; i < info.DirectTypes.Count; i++)
        {
            if (info.DirectTypes[i].Type == user.Type && info.DirectTypes[i].Condition == conditionName)
            {
                return null;
            }
        }

        return $"invalid condition '{conditionName}' for type restriction";
    }
}
