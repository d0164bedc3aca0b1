using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using TypedFga.Wire.Json;

namespace TypedFga.Wire;

/// <summary>Check's body.</summary>
internal sealed record CheckRequest
{
    /// <summary>The question: does <c>user</c> have <c>relation</c> on <c>object</c>?</summary>
    public TupleKeyWithoutCondition? TupleKey { get; init; }

    /// <summary>Tuples considered for this check only.</summary>
    public ContextualTupleKeys? ContextualTuples { get; init; }

    /// <summary>The model to use; the latest when empty.</summary>
    public string? AuthorizationModelId { get; init; }

    /// <summary>Values for condition parameters; a tuple's own context wins on conflict.</summary>
    public JsonObject? Context { get; init; }

    /// <summary>A <see cref="ConsistencyPreference"/> name; the embedded engine has no caches and ignores it.</summary>
    public string? Consistency { get; init; }
}

/// <summary>Check's answer.</summary>
internal sealed record CheckResponse
{
    /// <summary>Whether the relationship holds; a null sent by a server reads as false.</summary>
    [JsonConverter(typeof(NullAsFalseBooleanConverter))]
    public bool Allowed { get; init; }

    /// <summary>For OpenFGA's internal use; always sent, empty. A null reads as empty.</summary>
    public string Resolution { get; init => field = value ?? ""; } = "";
}

/// <summary>BatchCheck's body (OpenFGA 1.8 and later).</summary>
internal sealed record BatchCheckRequest
{
    /// <summary>The checks (1 to 50 per call), each with a correlation id unique in the batch.</summary>
    public IReadOnlyList<BatchCheckItem>? Checks { get; init; }

    /// <summary>The model to use; the latest when empty.</summary>
    public string? AuthorizationModelId { get; init; }

    /// <summary>A <see cref="ConsistencyPreference"/> name.</summary>
    public string? Consistency { get; init; }
}

/// <summary>One check of a BatchCheck.</summary>
internal sealed record BatchCheckItem
{
    /// <summary>The question.</summary>
    public TupleKeyWithoutCondition? TupleKey { get; init; }

    /// <summary>Tuples considered for this check only.</summary>
    public ContextualTupleKeys? ContextualTuples { get; init; }

    /// <summary>Values for condition parameters.</summary>
    public JsonObject? Context { get; init; }

    /// <summary>Matches the answer to the question: <c>^[\w\d-]{1,36}$</c>, unique in the batch.</summary>
    public string? CorrelationId { get; init; }
}

/// <summary>BatchCheck's answer: one result per correlation id.</summary>
internal sealed record BatchCheckResponse
{
    /// <summary>The results, by correlation id; a null result is a check the server did not answer. A null map reads as empty.</summary>
    public IReadOnlyDictionary<string, BatchCheckSingleResult?> Result { get; init => field = value ?? new Dictionary<string, BatchCheckSingleResult?>(); }
        = new Dictionary<string, BatchCheckSingleResult?>();
}

/// <summary>The answer to one check of a batch: either <see cref="Allowed"/> or <see cref="Error"/> (a oneof).</summary>
internal sealed record BatchCheckSingleResult
{
    /// <summary>Whether the relationship holds; null, and left out, when the check failed.</summary>
    public bool? Allowed { get; init; }

    /// <summary>Why the check failed.</summary>
    public CheckError? Error { get; init; }
}

/// <summary>A failed check of a batch: an input or an internal error (a oneof), and a message.</summary>
internal sealed record CheckError
{
    /// <summary>The input error's code name, e.g. <c>validation_error</c>.</summary>
    public string? InputError { get; init; }

    /// <summary>The internal error's code name, e.g. <c>deadline_exceeded</c>.</summary>
    public string? InternalError { get; init; }

    /// <summary>The message.</summary>
    public string? Message { get; init; }
}
