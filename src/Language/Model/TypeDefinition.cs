namespace TypedFga.Language.Model
{
    /// <summary>A <c>type name</c> block with its relations, in source order.</summary>
    public sealed record TypeDefinition(
        string Name,
        EquatableArray<RelationDefinition> Relations,
        bool IsCritical,
        SourceSpan Span,
        string? Module = null,
        string? SourceFile = null);
}
