using System.Text.Json.Serialization;

namespace TypedFga.OpenFga.Contracts;

/// <summary>The object and relation an Expand asks for.</summary>
public sealed record ExpandRequestTupleKey
{
    /// <summary>The relation.</summary>
    [JsonPropertyName("relation")] public string? Relation { get; init; }

    /// <summary>The object.</summary>
    [JsonPropertyName("object")] public string? Object { get; init; }
}

/// <summary>The body of Expand.</summary>
public sealed record ExpandRequest
{
    /// <summary>The object and relation to expand.</summary>
    [JsonPropertyName("tuple_key")] public ExpandRequestTupleKey? TupleKey { get; init; }

    /// <summary>The model to evaluate; the client fills in its configured model when null.</summary>
    [JsonPropertyName("authorization_model_id")] public string? AuthorizationModelId { get; init; }

    /// <summary>Whether the server may answer from its caches.</summary>
    [JsonPropertyName("consistency")] public ConsistencyPreference? Consistency { get; init; }

    /// <summary>Tuples considered for this request only (OpenFGA 1.5.4 and later).</summary>
    [JsonPropertyName("contextual_tuples")] public ContextualTupleKeys? ContextualTuples { get; init; }
}

/// <summary>The answer of Expand.</summary>
public sealed record ExpandResponse
{
    /// <summary>The tree.</summary>
    [JsonPropertyName("tree")] public ExpandTree? Tree { get; init; }
}

/// <summary>A userset tree.</summary>
public sealed record ExpandTree
{
    /// <summary>The root node.</summary>
    [JsonPropertyName("root")] public ExpandNode? Root { get; init; }
}

/// <summary>A node of the tree: a leaf, or a set operation over children.</summary>
public sealed record ExpandNode
{
    /// <summary><c>object#relation</c>.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>Set for a leaf.</summary>
    [JsonPropertyName("leaf")] public ExpandLeaf? Leaf { get; init; }

    /// <summary>Set for an exclusion.</summary>
    [JsonPropertyName("difference")] public ExpandDifference? Difference { get; init; }

    /// <summary>Set for a union.</summary>
    [JsonPropertyName("union")] public ExpandNodes? Union { get; init; }

    /// <summary>Set for an intersection.</summary>
    [JsonPropertyName("intersection")] public ExpandNodes? Intersection { get; init; }
}

/// <summary>The children of a union or an intersection.</summary>
public sealed record ExpandNodes
{
    /// <summary>The children.</summary>
    [JsonPropertyName("nodes")] public IReadOnlyList<ExpandNode>? Nodes { get; init; }
}

/// <summary>The two sides of an exclusion.</summary>
public sealed record ExpandDifference
{
    /// <summary>The set subtracted from.</summary>
    [JsonPropertyName("base")] public ExpandNode? Base { get; init; }

    /// <summary>The set subtracted.</summary>
    [JsonPropertyName("subtract")] public ExpandNode? Subtract { get; init; }
}

/// <summary>A leaf: direct users, a computed userset, or a tuple-to-userset.</summary>
public sealed record ExpandLeaf
{
    /// <summary>The users of the direct tuples.</summary>
    [JsonPropertyName("users")] public ExpandUsers? Users { get; init; }

    /// <summary>A computed userset.</summary>
    [JsonPropertyName("computed")] public ExpandComputed? Computed { get; init; }

    /// <summary>A tuple-to-userset.</summary>
    [JsonPropertyName("tupleToUserset")] public ExpandTupleToUserset? TupleToUserset { get; init; }
}

/// <summary>The users of a leaf.</summary>
public sealed record ExpandUsers
{
    /// <summary>The users.</summary>
    [JsonPropertyName("users")] public IReadOnlyList<string>? Users { get; init; }
}

/// <summary>A computed userset, <c>object#relation</c>.</summary>
public sealed record ExpandComputed
{
    /// <summary>The userset.</summary>
    [JsonPropertyName("userset")] public string? Userset { get; init; }
}

/// <summary>A tuple-to-userset leaf.</summary>
public sealed record ExpandTupleToUserset
{
    /// <summary><c>object#tupleset</c>.</summary>
    [JsonPropertyName("tupleset")] public string? Tupleset { get; init; }

    /// <summary>The usersets the tupleset's tuples lead to.</summary>
    [JsonPropertyName("computed")] public IReadOnlyList<ExpandComputed>? Computed { get; init; }
}

/// <summary>One line of the answer of StreamedListObjects: an object, or the error that ended the stream.</summary>
public sealed record StreamedListObjectsLine
{
    /// <summary>The object found.</summary>
    [JsonPropertyName("result")] public StreamedListObjectsResult? Result { get; init; }

    /// <summary>The error that ended the stream.</summary>
    [JsonPropertyName("error")] public StreamedListObjectsError? Error { get; init; }
}

/// <summary>An object found by StreamedListObjects.</summary>
public sealed record StreamedListObjectsResult
{
    /// <summary>The object, for example <c>document:roadmap</c>.</summary>
    [JsonPropertyName("object")] public string? Object { get; init; }
}

/// <summary>The error of a StreamedListObjects stream (gRPC status code and message).</summary>
public sealed record StreamedListObjectsError
{
    /// <summary>The status code.</summary>
    [JsonPropertyName("code")] public int Code { get; init; }

    /// <summary>The message.</summary>
    [JsonPropertyName("message")] public string? Message { get; init; }
}
