namespace TypedFga.Language.Model
{
    /// <summary>A <c>define name: ...</c> line of a type.</summary>
    /// <param name="Name">The relation's name.</param>
    /// <param name="Rewrite">How its members are found.</param>
    /// <param name="DirectlyRelatedTypes">The direct type restriction, empty when the relation is not directly assignable.</param>
    /// <param name="IsCritical">Marked <c># @critical</c> on its own line or on its type's line.</param>
    /// <param name="Span">The relation's name in the source.</param>
    /// <param name="Module">The module that defined it (modular models only).</param>
    /// <param name="SourceFile">The file that defined it (modular models only).</param>
    public sealed record RelationDefinition(
        string Name,
        Rewrite Rewrite,
        EquatableArray<TypeRestriction> DirectlyRelatedTypes,
        bool IsCritical,
        SourceSpan Span,
        string? Module = null,
        string? SourceFile = null)
    {
        /// <summary>True when tuples can be written for this relation (it has a direct type restriction).</summary>
        public bool IsDirectlyAssignable => !DirectlyRelatedTypes.IsEmpty;
    }
}
