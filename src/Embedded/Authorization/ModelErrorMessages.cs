using TypedFga.Language.Model;

namespace TypedFga.Embedded.Authorization;

/// <summary>
/// Words the model compiler's diagnostics as OpenFGA's WriteAuthorizationModel words its errors. A model written
/// through the API has no source text, so every message names the type and relation it is about instead.
/// </summary>
internal static class ModelErrorMessages
{
    private const string TupleToUsersetSeparator = " from ";

    /// <summary>OpenFGA's wording of a problem in one relation's definition.</summary>
    public static string InvalidRelation(string type, string relation, string cause) =>
        $"the definition of relation '{relation}' in object type '{type}' is invalid: {cause}";

    /// <summary>The message for a diagnostic of the compiler's semantic validation.</summary>
    public static string For(ModelDiagnostic diagnostic)
    {
        var type = diagnostic.ObjectType ?? "";
        var relation = diagnostic.Relation ?? "";
        var symbol = diagnostic.Symbol ?? "";
        return diagnostic.Kind switch
        {
            ModelDiagnosticKinds.InvalidSchema or ModelDiagnosticKinds.SchemaVersionRequired =>
                $"invalid schema version '{symbol}': only 1.1 and 1.2 are supported",
            ModelDiagnosticKinds.ReservedTypeKeywords => $"the definition of type '{type}' is invalid: self and this are reserved keywords",
            ModelDiagnosticKinds.ReservedRelationKeywords => InvalidRelation(type, relation, "self and this are reserved keywords"),
            ModelDiagnosticKinds.InvalidName when diagnostic.Relation is null => $"the type name of a type definition is invalid: '{type}'",
            ModelDiagnosticKinds.InvalidName => $"the relation name '{relation}' of type '{type}' is invalid",
            ModelDiagnosticKinds.InvalidType => InvalidRelationType(type, relation, symbol),
            ModelDiagnosticKinds.InvalidRelationType when Split(symbol) is { Tupleset: var tupleset } =>
                $"'{type}#{tupleset}' relation is undefined (the tupleset of '{relation}')",
            ModelDiagnosticKinds.InvalidRelationType => InvalidRelationType(type, relation, symbol),
            ModelDiagnosticKinds.MissingDefinition => $"'{type}#{symbol}' relation is undefined (used by '{relation}')",
            ModelDiagnosticKinds.TuplesetNotDirect =>
                $"the '{type}#{symbol}' relation is referenced in at least one tupleset and thus must be a direct relation",
            ModelDiagnosticKinds.InvalidRelationOnTupleset when Split(symbol) is { Computed: var computed, Tupleset: var tupleset } => InvalidRelation(
                type,
                relation,
                $"undefined relation: '{computed}' does not appear as a relation in any of the directly related user types of '{type}#{tupleset}'"),
            ModelDiagnosticKinds.ConditionNotDefined => $"condition '{symbol}' is undefined for relation '{type}#{relation}'",
            ModelDiagnosticKinds.ConditionNotUsed => $"condition '{symbol}' is not used by any relation of the model",
            ModelDiagnosticKinds.DuplicatedError when diagnostic.Relation is null => "an authorization model cannot contain duplicate types",
            ModelDiagnosticKinds.DuplicatedError => InvalidRelation(type, relation, $"'{symbol}' appears more than once"),
            ModelDiagnosticKinds.RelationNoEntryPoint => InvalidRelation(
                type,
                relation,
                diagnostic.Message.Contains("potential loop", StringComparison.Ordinal) ? "potential loop" : "no entrypoints defined"),
            _ when diagnostic.Relation is not null => InvalidRelation(type, relation, diagnostic.Message.TrimEnd('.')),
            _ when diagnostic.ObjectType is not null => $"the definition of type '{type}' is invalid: {diagnostic.Message.TrimEnd('.')}",
            _ => diagnostic.Message.TrimEnd('.'),
        };
    }

    private static string InvalidRelationType(string type, string relation, string restriction) =>
        $"the relation type '{restriction}' on '{relation}' in object type '{type}' is not valid";

    /// <summary>Splits a tuple-to-userset symbol (<c>viewer from parent</c>) into its relation and tupleset.</summary>
    private static (string Computed, string Tupleset)? Split(string symbol)
    {
        var at = symbol.IndexOf(TupleToUsersetSeparator, StringComparison.Ordinal);
        return at < 0 ? null : (symbol[..at], symbol[(at + TupleToUsersetSeparator.Length)..]);
    }
}
