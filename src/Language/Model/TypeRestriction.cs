namespace TypedFga.Language.Model
{
    /// <summary>
    /// One entry of a direct type restriction: <c>user</c>, <c>user:*</c>, <c>team#member</c>,
    /// optionally <c>with condition</c>.
    /// </summary>
    /// <param name="Type">The subject's type.</param>
    /// <param name="Relation">The userset relation (<c>team#member</c>), or null.</param>
    /// <param name="IsWildcard">True for <c>type:*</c>.</param>
    /// <param name="Condition">The condition after <c>with</c>, or null.</param>
    /// <param name="Span">The restriction without its condition (<c>team#member</c>) in the source.</param>
    /// <param name="ConditionSpan">The condition's name in the source, when there is one.</param>
    public sealed record TypeRestriction(
        string Type,
        string? Relation,
        bool IsWildcard,
        string? Condition,
        SourceSpan Span,
        SourceSpan ConditionSpan = default)
    {
        /// <summary>The restriction as written in the DSL, without the condition: <c>team#member</c>.</summary>
        public string SubjectText => IsWildcard ? Type + ":*" : Relation is null ? Type : Type + "#" + Relation;

        public bool Equals(TypeRestriction? other) =>
            other is not null && Type == other.Type && Relation == other.Relation && IsWildcard == other.IsWildcard && Condition == other.Condition;

        public override int GetHashCode() => (Type, Relation, IsWildcard, Condition).GetHashCode();
    }
}
