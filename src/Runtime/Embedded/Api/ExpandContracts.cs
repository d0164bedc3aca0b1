namespace TypedFga.Embedded.Api;

/// <summary>Expand's answer: one level of the relation's userset tree.</summary>
public sealed record ExpandResponse
{
    /// <summary>The tree.</summary>
    public UsersetTree? Tree { get; init; }
}

/// <summary>A userset tree.</summary>
public sealed record UsersetTree
{
    /// <summary>The root node, named <c>object#relation</c>.</summary>
    public UsersetTreeNode? Root { get; init; }
}

/// <summary>A node: a leaf, or a set operation over child nodes.</summary>
public sealed record UsersetTreeNode
{
    /// <summary><c>object#relation</c>.</summary>
    public string Name { get; init; } = "";

    /// <summary>Set for direct users, a computed userset or a tuple-to-userset.</summary>
    public UsersetTreeLeaf? Leaf { get; init; }

    /// <summary>Set for an exclusion.</summary>
    public UsersetTreeDifference? Difference { get; init; }

    /// <summary>Set for a union.</summary>
    public UsersetTreeNodes? Union { get; init; }

    /// <summary>Set for an intersection.</summary>
    public UsersetTreeNodes? Intersection { get; init; }
}

/// <summary>The children of a union or intersection node.</summary>
public sealed record UsersetTreeNodes
{
    /// <summary>The nodes.</summary>
    public IReadOnlyList<UsersetTreeNode> Nodes { get; init; } = [];
}

/// <summary>The two sides of an exclusion node.</summary>
public sealed record UsersetTreeDifference
{
    /// <summary>The base.</summary>
    public UsersetTreeNode? Base { get; init; }

    /// <summary>The subtracted set.</summary>
    public UsersetTreeNode? Subtract { get; init; }
}

/// <summary>A leaf: exactly one member is set.</summary>
public sealed record UsersetTreeLeaf
{
    /// <summary>The users of the direct tuples.</summary>
    public UsersetTreeUsers? Users { get; init; }

    /// <summary>A computed userset, <c>object#relation</c>.</summary>
    public UsersetTreeComputed? Computed { get; init; }

    /// <summary>A tuple-to-userset: the tupleset and the usersets it leads to.</summary>
    public UsersetTreeTupleToUserset? TupleToUserset { get; init; }
}

/// <summary>A list of users.</summary>
public sealed record UsersetTreeUsers
{
    /// <summary>The users.</summary>
    public IReadOnlyList<string> Users { get; init; } = [];
}

/// <summary>A computed userset.</summary>
public sealed record UsersetTreeComputed
{
    /// <summary><c>object#relation</c>.</summary>
    public string Userset { get; init; } = "";
}

/// <summary>A tuple-to-userset leaf.</summary>
public sealed record UsersetTreeTupleToUserset
{
    /// <summary><c>object#tupleset</c>.</summary>
    public string Tupleset { get; init; } = "";

    /// <summary>The usersets of the related objects.</summary>
    public IReadOnlyList<UsersetTreeComputed> Computed { get; init; } = [];
}
