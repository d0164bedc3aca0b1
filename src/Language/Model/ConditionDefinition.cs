namespace TypedFga.Language.Model
{
    /// <summary>The type of a condition parameter; <see cref="GenericArgument"/> is set for <c>list&lt;T&gt;</c> and <c>map&lt;T&gt;</c>.</summary>
    public sealed record ConditionParameterType(ConditionParameterKind Kind, ConditionParameterType? GenericArgument = null)
    {
        /// <summary>OpenFGA's JSON name, for example <c>TYPE_NAME_TIMESTAMP</c>.</summary>
        public string TypeName => "TYPE_NAME_" + Kind.ToString().ToUpperInvariant();
    }

    /// <summary>The parameter types OpenFGA conditions accept.</summary>
    public enum ConditionParameterKind
    {
        Any,
        Bool,
        String,
        Int,
        Uint,
        Double,
        Duration,
        Timestamp,
        Map,
        List,
        Ipaddress,
    }

    /// <summary>One parameter of a condition.</summary>
    public sealed record ConditionParameter(string Name, ConditionParameterType Type);

    /// <summary>A <c>condition name(params) { expression }</c> block; the CEL expression is kept as text.</summary>
    public sealed record ConditionDefinition(
        string Name,
        EquatableArray<ConditionParameter> Parameters,
        string Expression,
        SourceSpan Span,
        string? Module = null,
        string? SourceFile = null);
}
