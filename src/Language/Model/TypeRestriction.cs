namespace TypedFga.Language.Model
{
    /// <summary>
    /// One entry of a direct type restriction: <c>user</c>, <c>user:*</c>, <c>team#member</c>,
    /// optionally <c>with condition</c>.
    /// </summary>
    public sealed record TypeRestriction(string Type, string? Relation, bool IsWildcard, string? Condition, SourceSpan Span)
    {
        /// <summary>The restriction as written in the DSL, without the condition: <c>team#member</c>.</summary>
        public string SubjectText => IsWildcard ? Type + ":*" : Relation is null ? Type : Type + "#" + Relation;

        public bool Equals(TypeRestriction? other) =>
            other is not null && Type == other.Type && Relation == other.Relation && IsWildcard == other.IsWildcard && Condition == other.Condition;

        public override int GetHashCode() => (Type, Relation, IsWildcard, Condition).GetHashCode();
    }
}
