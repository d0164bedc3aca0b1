using TypedFga.Embedded.Errors;
using TypedFga.Language.Model;
using TypedFga.Wire;
using AuthorizationModel = TypedFga.Wire.AuthorizationModel;
using TypeDefinition = TypedFga.Wire.TypeDefinition;
using Fga = TypedFga.Language.Model;

namespace TypedFga.Embedded.Authorization;

/// <summary>
/// Turns a model in OpenFGA's JSON form into the model compiler's records, so that a model written through the
/// API is held to the same semantic rules as one compiled from DSL text. The JSON can say things the DSL cannot
/// (a direct relation without type restrictions, a userset with no operator, a wildcard with a relation); those
/// are refused here with OpenFGA's messages, because the compiler's records have no way to carry them.
/// </summary>
internal static class CompilerModelConverter
{
    private static readonly Dictionary<string, Fga.ConditionParameterKind> ParameterKinds =
        Enum.GetValues<Fga.ConditionParameterKind>().ToDictionary(kind => new Fga.ConditionParameterType(kind).TypeName, StringComparer.Ordinal);

    /// <summary>Converts the model; its condition keys must already have been checked against the conditions' names.</summary>
    /// <exception cref="FgaEngineException">The model has a shape no DSL model can have (<c>invalid_authorization_model</c>).</exception>
    public static Fga.AuthorizationModel Convert(AuthorizationModel model)
    {
        var types = (model.TypeDefinitions ?? []).Select(ConvertType).ToEquatableArray();
        var conditions = (model.Conditions ?? new Dictionary<string, Condition>())
            .Select(pair => ConvertCondition(pair.Key, pair.Value))
            .ToEquatableArray();
        return new Fga.AuthorizationModel(model.SchemaVersion ?? "", types, conditions);
    }

    private static Fga.TypeDefinition ConvertType(TypeDefinition definition)
    {
        var typeName = definition.Type ?? "";
        var relations = new List<Fga.RelationDefinition>();
        foreach (var (relationName, userset) in definition.Relations ?? new Dictionary<string, Userset>())
        {
            var metadata = definition.Metadata?.Relations?.GetValueOrDefault(relationName);
            var rewrite = ConvertRewrite(typeName, relationName, userset);
            var restrictions = (metadata?.DirectlyRelatedUserTypes ?? [])
                .Select(reference => ConvertRestriction(typeName, relationName, reference))
                .ToEquatableArray();
            var isAssignable = ContainsDirect(rewrite);
            if (isAssignable && restrictions.IsEmpty)
            {
                throw ModelValidator.Invalid($"the assignable relation '{relationName}' in object type '{typeName}' must contain at least one relation type");
            }

            if (!isAssignable && !restrictions.IsEmpty)
            {
                throw ModelValidator.Invalid($"the non-assignable relation '{relationName}' in object type '{typeName}' should not contain a relation type");
            }

            relations.Add(new Fga.RelationDefinition(
                relationName,
                rewrite,
                restrictions,
                IsCritical: false,
                Fga.SourceSpan.None,
                metadata?.Module,
                metadata?.SourceInfo?.File));
        }

        return new Fga.TypeDefinition(
            typeName,
            relations.ToEquatableArray(),
            IsCritical: false,
            Fga.SourceSpan.None,
            definition.Metadata?.Module,
            definition.Metadata?.SourceInfo?.File);
    }

    private static Fga.TypeRestriction ConvertRestriction(string typeName, string relationName, RelationReference reference)
    {
        var type = reference.Type ?? "";
        var relation = string.IsNullOrEmpty(reference.Relation) ? null : reference.Relation;
        if (relation is not null && reference.Wildcard is not null)
        {
            // OpenFGA's relation reference holds a relation or a wildcard, never both.
            throw ModelValidator.Invalid($"the relation type '{type}:*' on '{relationName}' in object type '{typeName}' cannot have a relation");
        }

        return new Fga.TypeRestriction(
            type,
            relation,
            reference.Wildcard is not null,
            string.IsNullOrEmpty(reference.Condition) ? null : reference.Condition,
            Fga.SourceSpan.None);
    }

    private static Fga.Rewrite ConvertRewrite(string typeName, string relationName, Userset userset)
    {
        var operators = (userset.This is null ? 0 : 1) + (userset.ComputedUserset is null ? 0 : 1) + (userset.TupleToUserset is null ? 0 : 1)
            + (userset.Union is null ? 0 : 1) + (userset.Intersection is null ? 0 : 1) + (userset.Difference is null ? 0 : 1);
        if (operators != 1)
        {
            throw InvalidRewrite(typeName, relationName);
        }

        if (userset.This is not null)
        {
            return new Fga.DirectRewrite();
        }

        if (userset.ComputedUserset is { } computed)
        {
            return new Fga.ComputedUsersetRewrite(computed.Relation ?? "", Fga.SourceSpan.None);
        }

        if (userset.TupleToUserset is { } tupleToUserset)
        {
            return new Fga.TupleToUsersetRewrite(
                tupleToUserset.Tupleset?.Relation ?? "",
                tupleToUserset.ComputedUserset?.Relation ?? "",
                Fga.SourceSpan.None);
        }

        if (userset.Union is { } union)
        {
            return new Fga.UnionRewrite(ConvertChildren(typeName, relationName, union));
        }

        if (userset.Intersection is { } intersection)
        {
            return new Fga.IntersectionRewrite(ConvertChildren(typeName, relationName, intersection));
        }

        var difference = userset.Difference!;
        if (difference.Base is null || difference.Subtract is null)
        {
            throw InvalidRewrite(typeName, relationName);
        }

        return new Fga.DifferenceRewrite(
            new Fga.RewriteNode(ConvertRewrite(typeName, relationName, difference.Base)),
            new Fga.RewriteNode(ConvertRewrite(typeName, relationName, difference.Subtract)));
    }

    private static Fga.EquatableArray<Fga.RewriteNode> ConvertChildren(string typeName, string relationName, Usersets usersets)
    {
        // An operator without operands has no meaning (an empty intersection would hold for everyone).
        if (usersets.Child is not { Count: > 0 } children)
        {
            throw InvalidRewrite(typeName, relationName);
        }

        return children.Select(child => new Fga.RewriteNode(ConvertRewrite(typeName, relationName, child))).ToEquatableArray();
    }

    private static Fga.ConditionDefinition ConvertCondition(string name, Condition condition)
    {
        var parameters = (condition.Parameters ?? new Dictionary<string, ConditionParamTypeRef>())
            .Select(pair => new Fga.ConditionParameter(pair.Key, ConvertParameterType(name, pair.Key, pair.Value)))
            .ToEquatableArray();
        return new Fga.ConditionDefinition(
            name,
            parameters,
            condition.Expression ?? "",
            Fga.SourceSpan.None,
            condition.Metadata?.Module,
            condition.Metadata?.SourceInfo?.File);
    }

    private static Fga.ConditionParameterType ConvertParameterType(string condition, string parameter, ConditionParamTypeRef type)
    {
        if (!ParameterKinds.TryGetValue(type.TypeName ?? "", out var kind))
        {
            throw ModelValidator.Invalid($"condition '{condition}' parameter '{parameter}' has an unknown type '{type.TypeName}'");
        }

        var generic = type.GenericTypes is { Count: > 0 } generics ? ConvertParameterType(condition, parameter, generics[0]) : null;
        return new Fga.ConditionParameterType(kind, generic);
    }

    private static bool ContainsDirect(Fga.Rewrite rewrite) => rewrite switch
    {
        Fga.DirectRewrite => true,
        Fga.UnionRewrite union => union.Children.Any(child => ContainsDirect(child.Value)),
        Fga.IntersectionRewrite intersection => intersection.Children.Any(child => ContainsDirect(child.Value)),
        Fga.DifferenceRewrite difference => ContainsDirect(difference.Base.Value) || ContainsDirect(difference.Subtract.Value),
        _ => false,
    };

    private static FgaEngineException InvalidRewrite(string typeName, string relationName) =>
        ModelValidator.Invalid(ModelErrorMessages.InvalidRelation(typeName, relationName, "invalid userset rewrite definition"));
}
