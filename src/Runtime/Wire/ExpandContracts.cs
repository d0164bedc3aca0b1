using System.Text.Json.Serialization;

namespace TypedFga.Wire;

/// <summary>Expand's body.</summary>
internal sealed record ExpandRequest
{
    /// <summary>The object and relation to expand.</summary>
    public ExpandRequestTupleKey? TupleKey { get; init; }

    /// <summary>The model to use; the latest when empty.</summary>
    public string? AuthorizationModelId { get; init; }

    /// <summary>A <see cref="ConsistencyPreference"/> name.</summary>
    public string? Consistency { get; init; }

    /// <summary>Tuples considered for this query only (OpenFGA 1.5.4 and later).</summary>
    public ContextualTupleKeys? ContextualTuples { get; init; }
}

/// <summary>The object and relation an Expand asks for.</summary>
internal sealed record ExpandRequestTupleKey
{
    /// <summary>The relation.</summary>
    public string? Relation { get; init; }

    /// <summary>The object.</summary>
    public string? Object { get; init; }
}

/// <summary>Expand's answer: one level of the relation's userset tree.</summary>
internal sealed record ExpandResponse
{
    /// <summary>The tree.</summary>
    public UsersetTree? Tree { get; init; }
}

/// <summary>A userset tree.</summary>
internal sealed record UsersetTree
{
    /// <summary>The root node, named <c>object#relation</c>.</summary>
    public UsersetTreeNode? Root { get; init; }
}

// OpenFGA always sends the names and lists of a tree; a null reads as empty, as protojson reads it.

/// <summary>A node (<c>Node</c>): a leaf, or a set operation over child nodes.</summary>
internal sealed record UsersetTreeNode
{
    /// <summary><c>object#relation</c>.</summary>
    public string Name { get; init => field = value ?? ""; } = "";

    /// <summary>Set for direct users, a computed userset or a tuple-to-userset.</summary>
    public UsersetTreeLeaf? Leaf { get; init; }

    /// <summary>Set for an exclusion.</summary>
    public UsersetTreeDifference? Difference { get; init; }

    /// <summary>Set for a union.</summary>
    public UsersetTreeNodes? Union { get; init; }

    /// <summary>Set for an intersection.</summary>
    public UsersetTreeNodes? Intersection { get; init; }
}

/// <summary>The children of a union or intersection node (<c>Nodes</c>).</summary>
internal sealed record UsersetTreeNodes
{
    /// <summary>The nodes.</summary>
    public IReadOnlyList<UsersetTreeNode> Nodes { get; init => field = value ?? []; } = [];
}

/// <summary>The two sides of an exclusion node (<c>UsersetTree.Difference</c>).</summary>
internal sealed record UsersetTreeDifference
{
    /// <summary>The base.</summary>
    public UsersetTreeNode? Base { get; init; }

    /// <summary>The subtracted set.</summary>
    public UsersetTreeNode? Subtract { get; init; }
}

/// <summary>A leaf (<c>Leaf</c>): exactly one member is set.</summary>
internal sealed record UsersetTreeLeaf
{
    /// <summary>The users of the direct tuples.</summary>
    public UsersetTreeUsers? Users { get; init; }

    /// <summary>A computed userset, <c>object#relation</c>.</summary>
    public UsersetTreeComputed? Computed { get; init; }

    /// <summary>A tuple-to-userset: the tupleset and the usersets it leads to.</summary>
    /// <remarks>One of the few fields without a snake_case JSON name in OpenFGA's API.</remarks>
    [JsonPropertyName("tupleToUserset")]
    public UsersetTreeTupleToUserset? TupleToUserset { get; init; }
}

/// <summary>The users of a leaf (<c>Users</c>).</summary>
internal sealed record UsersetTreeUsers
{
    /// <summary>The users.</summary>
    public IReadOnlyList<string> Users { get; init => field = value ?? []; } = [];
}

/// <summary>A computed userset (<c>Computed</c>).</summary>
internal sealed record UsersetTreeComputed
{
    /// <summary><c>object#relation</c>.</summary>
    public string Userset { get; init => field = value ?? ""; } = "";
}

/// <summary>A tuple-to-userset leaf (<c>UsersetTree.TupleToUserset</c>).</summary>
internal sealed record UsersetTreeTupleToUserset
{
    /// <summary><c>object#tupleset</c>.</summary>
    public string Tupleset { get; init => field = value ?? ""; } = "";

    /// <summary>The usersets of the related objects.</summary>
    public IReadOnlyList<UsersetTreeComputed> Computed { get; init => field = value ?? []; } = [];
}
