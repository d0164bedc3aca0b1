using System.Text.Json.Serialization;

namespace TypedFga.OpenFga.Contracts;

/// <summary>Tuples considered for one request only, in the wrapper Check, BatchCheck and ListObjects use.</summary>
public sealed record ContextualTupleKeys
{
    /// <summary>At most 100 tuples.</summary>
    [JsonPropertyName("tuple_keys")] public IReadOnlyList<TupleKey>? TupleKeys { get; init; }
}

/// <summary>The body of Check.</summary>
public sealed record CheckRequest
{
    /// <summary>The user, relation and object to check.</summary>
    [JsonPropertyName("tuple_key")] public TupleKeyWithoutCondition? TupleKey { get; init; }

    /// <summary>Tuples considered for this check only.</summary>
    [JsonPropertyName("contextual_tuples")] public ContextualTupleKeys? ContextualTuples { get; init; }

    /// <summary>The model to evaluate; the client fills in its configured model when null.</summary>
    [JsonPropertyName("authorization_model_id")] public string? AuthorizationModelId { get; init; }

    /// <summary>Request context for conditions.</summary>
    [JsonPropertyName("context")] public IReadOnlyDictionary<string, object?>? Context { get; init; }

    /// <summary>Whether the server may answer from its caches.</summary>
    [JsonPropertyName("consistency")] public ConsistencyPreference? Consistency { get; init; }
}

/// <summary>The answer of Check.</summary>
public sealed record CheckResponse
{
    /// <summary>Whether the relationship holds; a null sent by the server reads as false.</summary>
    [JsonPropertyName("allowed")] public bool Allowed { get; init; }

    /// <summary>The resolution path, when the server reports one.</summary>
    [JsonPropertyName("resolution")] public string? Resolution { get; init; }
}

/// <summary>One check of a BatchCheck.</summary>
public sealed record BatchCheckItem
{
    /// <summary>The user, relation and object to check.</summary>
    [JsonPropertyName("tuple_key")] public TupleKeyWithoutCondition? TupleKey { get; init; }

    /// <summary>Tuples considered for this check only.</summary>
    [JsonPropertyName("contextual_tuples")] public ContextualTupleKeys? ContextualTuples { get; init; }

    /// <summary>Request context for conditions.</summary>
    [JsonPropertyName("context")] public IReadOnlyDictionary<string, object?>? Context { get; init; }

    /// <summary>
    /// Identifies the answer (<c>^[\w\d-]{1,36}$</c>, unique in the batch). The client assigns a GUID when null.
    /// </summary>
    [JsonPropertyName("correlation_id")] public string? CorrelationId { get; init; }
}

/// <summary>The body of BatchCheck (at most 50 checks per server call).</summary>
public sealed record BatchCheckRequest
{
    /// <summary>The checks.</summary>
    [JsonPropertyName("checks")] public IReadOnlyList<BatchCheckItem>? Checks { get; init; }

    /// <summary>The model to evaluate; the client fills in its configured model when null.</summary>
    [JsonPropertyName("authorization_model_id")] public string? AuthorizationModelId { get; init; }

    /// <summary>Whether the server may answer from its caches.</summary>
    [JsonPropertyName("consistency")] public ConsistencyPreference? Consistency { get; init; }
}

/// <summary>The answer of one server BatchCheck call.</summary>
public sealed record BatchCheckResponse
{
    /// <summary>The answers, keyed by correlation id.</summary>
    [JsonPropertyName("result")] public IReadOnlyDictionary<string, BatchCheckSingleResult?>? Result { get; init; }
}

/// <summary>The answer to one check of a BatchCheck: either <c>allowed</c> or an error.</summary>
public sealed record BatchCheckSingleResult
{
    /// <summary>Whether the relationship holds; false when the check failed.</summary>
    [JsonPropertyName("allowed")] public bool Allowed { get; init; }

    /// <summary>Why the check failed; null when it succeeded.</summary>
    [JsonPropertyName("error")] public CheckError? Error { get; init; }
}

/// <summary>The failure of one check inside a BatchCheck.</summary>
public sealed record CheckError
{
    /// <summary>The input error code, for example <c>validation_error</c>.</summary>
    [JsonPropertyName("input_error")] public string? InputError { get; init; }

    /// <summary>The internal error code, for example <c>deadline_exceeded</c>.</summary>
    [JsonPropertyName("internal_error")] public string? InternalError { get; init; }

    /// <summary>The server's message.</summary>
    [JsonPropertyName("message")] public string? Message { get; init; }
}

/// <summary>The body of ListObjects.</summary>
public sealed record ListObjectsRequest
{
    /// <summary>The model to evaluate; the client fills in its configured model when null.</summary>
    [JsonPropertyName("authorization_model_id")] public string? AuthorizationModelId { get; init; }

    /// <summary>The object type to list.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }

    /// <summary>The relation the user must have.</summary>
    [JsonPropertyName("relation")] public string? Relation { get; init; }

    /// <summary>The user.</summary>
    [JsonPropertyName("user")] public string? User { get; init; }

    /// <summary>Tuples considered for this request only.</summary>
    [JsonPropertyName("contextual_tuples")] public ContextualTupleKeys? ContextualTuples { get; init; }

    /// <summary>Request context for conditions.</summary>
    [JsonPropertyName("context")] public IReadOnlyDictionary<string, object?>? Context { get; init; }

    /// <summary>Whether the server may answer from its caches.</summary>
    [JsonPropertyName("consistency")] public ConsistencyPreference? Consistency { get; init; }
}

/// <summary>The answer of ListObjects: unsorted, at most the server's result limit.</summary>
public sealed record ListObjectsResponse
{
    /// <summary>The objects, for example <c>document:roadmap</c>.</summary>
    [JsonPropertyName("objects")] public IReadOnlyList<string>? Objects { get; init; }
}
