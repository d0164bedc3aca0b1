namespace TypedFga.Language.Model
{
    /// <summary>A relation's definition (OpenFGA's <c>Userset</c>): how its members are found.</summary>
    public abstract record Rewrite;

    /// <summary>Direct assignment (<c>[user, ...]</c>): JSON <c>this</c>.</summary>
    public sealed record DirectRewrite : Rewrite;

    /// <summary>Another relation on the same object: JSON <c>computedUserset</c>.</summary>
    public sealed record ComputedUsersetRewrite(string Relation, SourceSpan Span) : Rewrite
    {
        public bool Equals(ComputedUsersetRewrite? other) => other is not null && Relation == other.Relation;

        public override int GetHashCode() => Relation.GetHashCode();
    }

    /// <summary><c>relation from tupleset</c>: JSON <c>tupleToUserset</c>.</summary>
    public sealed record TupleToUsersetRewrite(string Tupleset, string ComputedRelation, SourceSpan Span) : Rewrite
    {
        public bool Equals(TupleToUsersetRewrite? other) =>
            other is not null && Tupleset == other.Tupleset && ComputedRelation == other.ComputedRelation;

        public override int GetHashCode() => (Tupleset, ComputedRelation).GetHashCode();
    }

    /// <summary><c>a or b or ...</c>: JSON <c>union</c>.</summary>
    public sealed record UnionRewrite(EquatableArray<RewriteNode> Children) : Rewrite;

    /// <summary><c>a and b and ...</c>: JSON <c>intersection</c>.</summary>
    public sealed record IntersectionRewrite(EquatableArray<RewriteNode> Children) : Rewrite;

    /// <summary><c>base but not subtract</c>: JSON <c>difference</c>.</summary>
    public sealed record DifferenceRewrite(RewriteNode Base, RewriteNode Subtract) : Rewrite;

    /// <summary>
    /// Wraps a <see cref="Rewrite"/> so it can sit in an <see cref="EquatableArray{T}"/>
    /// (which needs <see cref="System.IEquatable{T}"/> on a concrete type).
    /// </summary>
    public sealed record RewriteNode(Rewrite Value);
}
