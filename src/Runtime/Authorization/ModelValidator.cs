using System.Text.RegularExpressions;
using TypedFga.Authorization.Conditions;
using TypedFga.Embedded;
using TypedFga.Embedded.Api;

namespace TypedFga.Authorization;

/// <summary>
/// Validates an OpenFGA JSON model as WriteAuthorizationModel does: names, limits, references between
/// relations and types, tuple-to-userset rules, conditions (compiled, parameters declared) and that every
/// relation has an entry point. Failures throw <see cref="FgaApiException"/>.
/// </summary>
internal static partial class ModelValidator
{
    private const int MaxConditions = 25;
    private const int MaxConditionParameters = 25;
    private const int MaxExpressionBytes = 512;

    public static void Validate(AuthorizationModel model, int maxTypes)
    {
        if (model.SchemaVersion is not ("1.1" or "1.2"))
        {
            throw Invalid($"invalid schema version '{model.SchemaVersion}': only 1.1 and 1.2 are supported");
        }

        var typeDefinitions = model.TypeDefinitions ?? [];
        if (typeDefinitions.Count == 0)
        {
            throw FgaApiException.Validation("invalid WriteAuthorizationModelRequest.TypeDefinitions: value must contain at least 1 item(s)");
        }

        if (typeDefinitions.Count > maxTypes)
        {
            throw new FgaApiException(FgaErrorCode.ExceededEntityLimit, $"number of type definitions in an authorization model exceeds the allowed limit of {maxTypes}");
        }

        var types = new Dictionary<string, TypeDefinition>(StringComparer.Ordinal);
        foreach (var definition in typeDefinitions)
        {
            var name = definition.Type ?? "";
            if (!TypeName().IsMatch(name) || name is "self" or "this")
            {
                throw Invalid($"the type name of a type definition is invalid: '{name}'");
            }

            if (!types.TryAdd(name, definition))
            {
                throw Invalid($"the type '{name}' is defined more than once");
            }
        }

        ValidateConditions(model.Conditions);
        foreach (var definition in typeDefinitions)
        {
            foreach (var (relation, userset) in definition.Relations ?? new Dictionary<string, Userset>())
            {
                ValidateRelation(types, definition, relation, userset, model.Conditions);
            }
        }

        var system = AuthorizationTypeSystem.Build("", model);
        EntryPoints.Validate(system);
    }

    private static void ValidateRelation(
        Dictionary<string, TypeDefinition> types,
        TypeDefinition definition,
        string relation,
        Userset userset,
        IReadOnlyDictionary<string, Condition>? conditions)
    {
        var typeName = definition.Type!;
        if (!RelationName().IsMatch(relation) || relation is "self" or "this")
        {
            throw Invalid($"the relation name '{relation}' of type '{typeName}' is invalid");
        }

        var rewrite = AuthorizationTypeSystem.ToRewrite(userset);
        var restrictions = definition.Metadata?.Relations is { } metadata && metadata.TryGetValue(relation, out var relationMetadata)
            ? relationMetadata.DirectlyRelatedUserTypes ?? []
            : [];
        var isDirect = ContainsDirect(rewrite);
        if (isDirect && restrictions.Count == 0)
        {
            throw Invalid($"the assignable relation '{relation}' in object type '{typeName}' must contain at least one relation type");
        }

        if (!isDirect && restrictions.Count > 0)
        {
            throw Invalid($"the non-assignable relation '{relation}' in object type '{typeName}' should not contain a relation type");
        }

        foreach (var restriction in restrictions)
        {
            var target = restriction.Type ?? "";
            if (!types.TryGetValue(target, out var targetType))
            {
                throw Invalid($"the relation type '{target}' on '{relation}' in object type '{typeName}' is not valid");
            }

            if (!string.IsNullOrEmpty(restriction.Relation) && targetType.Relations?.ContainsKey(restriction.Relation) != true)
            {
                throw Invalid($"the relation type '{target}#{restriction.Relation}' on '{relation}' in object type '{typeName}' is not valid");
            }

            if (!string.IsNullOrEmpty(restriction.Relation) && restriction.Wildcard is not null)
            {
                throw Invalid($"the relation type '{target}:*' on '{relation}' in object type '{typeName}' cannot have a relation");
            }

            if (!string.IsNullOrEmpty(restriction.Condition) && conditions?.ContainsKey(restriction.Condition) != true)
            {
                throw Invalid($"condition '{restriction.Condition}' is undefined for relation '{typeName}#{relation}'");
            }
        }

        ValidateRewrite(types, definition, relation, rewrite);
    }

    private static void ValidateRewrite(Dictionary<string, TypeDefinition> types, TypeDefinition definition, string relation, RelationRewrite rewrite)
    {
        var typeName = definition.Type!;
        var relations = definition.Relations ?? new Dictionary<string, Userset>();
        switch (rewrite)
        {
            case ComputedRewrite computed:
                if (!relations.ContainsKey(computed.Relation))
                {
                    throw Invalid($"the relation '{computed.Relation}' does not exist in type '{typeName}' (used by '{relation}')");
                }

                if (computed.Relation == relation)
                {
                    throw Invalid($"the relation '{relation}' of type '{typeName}' is defined as itself");
                }

                break;
            case TupleToUsersetRewrite ttu:
                if (!relations.TryGetValue(ttu.Tupleset, out var tupleset))
                {
                    throw Invalid($"the tupleset relation '{ttu.Tupleset}' does not exist in type '{typeName}' (used by '{relation}')");
                }

                if (tupleset.This is null)
                {
                    throw Invalid($"the tupleset relation '{typeName}#{ttu.Tupleset}' must be directly assignable");
                }

                var tuplesetTypes = definition.Metadata?.Relations?.GetValueOrDefault(ttu.Tupleset)?.DirectlyRelatedUserTypes ?? [];
                if (tuplesetTypes.Any(t => !string.IsNullOrEmpty(t.Relation) || t.Wildcard is not null))
                {
                    throw Invalid($"the tupleset relation '{typeName}#{ttu.Tupleset}' may only relate plain object types");
                }

                if (!tuplesetTypes.Any(t => types.TryGetValue(t.Type ?? "", out var target) && target.Relations?.ContainsKey(ttu.ComputedRelation) == true))
                {
                    throw Invalid($"the relation '{ttu.ComputedRelation}' does not exist on any type related by '{typeName}#{ttu.Tupleset}'");
                }

                break;
            case UnionRewrite union:
                foreach (var child in union.Children)
                {
                    ValidateRewrite(types, definition, relation, child);
                }

                break;
            case IntersectionRewrite intersection:
                foreach (var child in intersection.Children)
                {
                    ValidateRewrite(types, definition, relation, child);
                }

                break;
            case ExclusionRewrite exclusion:
                ValidateRewrite(types, definition, relation, exclusion.Base);
                ValidateRewrite(types, definition, relation, exclusion.Subtract);
                break;
        }
    }

    private static void ValidateConditions(IReadOnlyDictionary<string, Condition>? conditions)
    {
        if (conditions is null)
        {
            return;
        }

        if (conditions.Count > MaxConditions)
        {
            throw FgaApiException.Validation($"a model may define at most {MaxConditions} conditions");
        }

        foreach (var (name, condition) in conditions)
        {
            if (condition.Name != name)
            {
                throw Invalid($"the condition key '{name}' does not match the condition name '{condition.Name}'");
            }

            var parameters = condition.Parameters ?? new Dictionary<string, ConditionParamTypeRef>();
            if (parameters.Count > MaxConditionParameters)
            {
                throw FgaApiException.Validation($"condition '{name}' has more than {MaxConditionParameters} parameters");
            }

            if (System.Text.Encoding.UTF8.GetByteCount(condition.Expression ?? "") > MaxExpressionBytes)
            {
                throw FgaApiException.Validation($"the expression of condition '{name}' is longer than {MaxExpressionBytes} bytes");
            }

            foreach (var (parameter, type) in parameters)
            {
                if (!ConditionParameterType.KnownTypeNames.Contains(type.TypeName ?? ""))
                {
                    throw Invalid($"condition '{name}' parameter '{parameter}' has an unknown type '{type.TypeName}'");
                }
            }

            try
            {
                ConditionEvaluator.Create(name, condition).Validate();
            }
            catch (Exception e) when (e is not FgaApiException and not OutOfMemoryException)
            {
                throw Invalid($"failed to compile condition '{name}': {e.Message}");
            }
        }
    }

    private static bool ContainsDirect(RelationRewrite rewrite) => rewrite switch
    {
        DirectRewrite => true,
        UnionRewrite union => union.Children.Any(ContainsDirect),
        IntersectionRewrite intersection => intersection.Children.Any(ContainsDirect),
        ExclusionRewrite exclusion => ContainsDirect(exclusion.Base) || ContainsDirect(exclusion.Subtract),
        _ => false,
    };

    internal static FgaApiException Invalid(string message) => new(FgaErrorCode.InvalidAuthorizationModel, message);

    [GeneratedRegex(@"^[^:#@\s]{1,254}$")]
    private static partial Regex TypeName();

    [GeneratedRegex(@"^[^:#@\s]{1,50}$")]
    private static partial Regex RelationName();
}
