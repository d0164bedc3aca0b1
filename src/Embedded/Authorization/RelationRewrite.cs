namespace TypedFga.Embedded.Authorization;

/// <summary>How a relation's members are found: OpenFGA's <c>Userset</c> as an immutable tree.</summary>
internal abstract record RelationRewrite;

/// <summary>Direct assignment: the tuples of the relation itself (<c>this</c>).</summary>
internal sealed record DirectRewrite : RelationRewrite
{
    public static DirectRewrite Instance { get; } = new();
}

/// <summary>Another relation of the same object.</summary>
internal sealed record ComputedRewrite(string Relation) : RelationRewrite;

/// <summary><c>ComputedRelation from Tupleset</c>.</summary>
internal sealed record TupleToUsersetRewrite(string Tupleset, string ComputedRelation) : RelationRewrite;

/// <summary>Any child.</summary>
internal sealed record UnionRewrite(IReadOnlyList<RelationRewrite> Children) : RelationRewrite;

/// <summary>Every child.</summary>
internal sealed record IntersectionRewrite(IReadOnlyList<RelationRewrite> Children) : RelationRewrite;

/// <summary><c>Base but not Subtract</c>.</summary>
internal sealed record ExclusionRewrite(RelationRewrite Base, RelationRewrite Subtract) : RelationRewrite;
