using System.Text.Json.Nodes;

namespace TypedFga.Wire;

/// <summary>The body of ListObjects and of StreamedListObjects.</summary>
internal sealed record ListObjectsRequest
{
    /// <summary>The model to use; the latest when empty.</summary>
    public string? AuthorizationModelId { get; init; }

    /// <summary>The object type to list.</summary>
    public string? Type { get; init; }

    /// <summary>The relation the user must have.</summary>
    public string? Relation { get; init; }

    /// <summary>The user.</summary>
    public string? User { get; init; }

    /// <summary>Tuples considered for this query only.</summary>
    public ContextualTupleKeys? ContextualTuples { get; init; }

    /// <summary>Values for condition parameters.</summary>
    public JsonObject? Context { get; init; }

    /// <summary>A <see cref="ConsistencyPreference"/> name.</summary>
    public string? Consistency { get; init; }
}

/// <summary>ListObjects' answer: unordered, at most the server's result limit.</summary>
internal sealed record ListObjectsResponse
{
    /// <summary>The objects, <c>type:id</c>; a null reads as empty.</summary>
    public IReadOnlyList<string> Objects { get; init => field = value ?? []; } = [];
}

/// <summary>
/// One line of StreamedListObjects' answer, which the gateway streams as one JSON object per line: an object found,
/// or the error that ended the stream.
/// </summary>
internal sealed record StreamedListObjectsLine
{
    /// <summary>The object found.</summary>
    public StreamedListObjectsResult? Result { get; init; }

    /// <summary>The error that ended the stream.</summary>
    public StreamedListObjectsError? Error { get; init; }
}

/// <summary>An object found by StreamedListObjects (<c>StreamedListObjectsResponse</c>).</summary>
internal sealed record StreamedListObjectsResult
{
    /// <summary>The object, for example <c>document:roadmap</c>.</summary>
    public string? Object { get; init; }
}

/// <summary>The error that ended a StreamedListObjects stream: a gRPC status code and message.</summary>
internal sealed record StreamedListObjectsError
{
    /// <summary>The status code.</summary>
    public int Code { get; init; }

    /// <summary>The message.</summary>
    public string? Message { get; init; }
}
