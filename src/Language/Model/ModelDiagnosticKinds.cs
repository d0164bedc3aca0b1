namespace TypedFga.Language.Model;

/// <summary>The values of <see cref="ModelDiagnostic.Kind"/>: OpenFGA's error type names.</summary>
public static class ModelDiagnosticKinds
{
    /// <summary>The text does not follow the DSL grammar (or OpenFGA's transformer rejects it while reading).</summary>
    public const string SyntaxError = "syntax-error";

    /// <summary>A computed relation that does not exist on the type.</summary>
    public const string MissingDefinition = "missing-definition";

    /// <summary>A relation that no tuple can ever satisfy.</summary>
    public const string RelationNoEntryPoint = "relation-no-entry-point";

    /// <summary>The tupleset of <c>x from y</c> is not a plain direct relation.</summary>
    public const string TuplesetNotDirect = "tupleuserset-not-direct";

    /// <summary><c>x from y</c> where none of <c>y</c>'s types has <c>x</c>.</summary>
    public const string InvalidRelationOnTupleset = "invalid-relation-on-tupleset";

    /// <summary>A type restriction naming a type that does not exist.</summary>
    public const string InvalidType = "invalid-type";

    /// <summary>A relation reference (<c>type#rel</c>, <c>x from y</c>) to a relation that does not exist.</summary>
    public const string InvalidRelationType = "invalid-relation-type";

    /// <summary>A duplicate type, type restriction or operand.</summary>
    public const string DuplicatedError = "duplicated-error";

    /// <summary>A <c>with</c> naming a condition that is not declared.</summary>
    public const string ConditionNotDefined = "condition-not-defined";

    /// <summary>A declared condition that no type restriction uses.</summary>
    public const string ConditionNotUsed = "condition-not-used";

    /// <summary>A type named <c>self</c> or <c>this</c>.</summary>
    public const string ReservedTypeKeywords = "reserved-type-keywords";

    /// <summary>A relation named <c>self</c> or <c>this</c>.</summary>
    public const string ReservedRelationKeywords = "reserved-relation-keywords";

    /// <summary>A type or relation name that breaks OpenFGA's naming rule.</summary>
    public const string InvalidName = "invalid-name";

    /// <summary>A schema version other than 1.1 or 1.2.</summary>
    public const string InvalidSchema = "invalid-schema";

    /// <summary>A model without a schema version (a module file compiled on its own).</summary>
    public const string SchemaVersionRequired = "schema-version-required";

    /// <summary>Combining the files of a modular model failed (duplicates, unknown extended types, ...).</summary>
    public const string TransformationError = "transformation-error";

    /// <summary>The <c>fga.mod</c> file is malformed.</summary>
    public const string ModFileValidation = "mod-file-validation";
}
