using System.Text.Json.Serialization;

namespace TypedFga.OpenFga.Contracts;

/// <summary>The body of Write: tuples to add and tuples to remove, applied in one transaction.</summary>
public sealed record WriteRequest
{
    /// <summary>The tuples to add; null when the request only deletes.</summary>
    [JsonPropertyName("writes")] public WriteRequestWrites? Writes { get; init; }

    /// <summary>The tuples to remove; null when the request only adds.</summary>
    [JsonPropertyName("deletes")] public WriteRequestDeletes? Deletes { get; init; }

    /// <summary>The model the written tuples are validated against.</summary>
    [JsonPropertyName("authorization_model_id")] public string? AuthorizationModelId { get; init; }
}

/// <summary>The <c>writes</c> part of a Write.</summary>
public sealed record WriteRequestWrites
{
    /// <summary>The tuples to add, with their conditions.</summary>
    [JsonPropertyName("tuple_keys")] public IReadOnlyList<TupleKey>? TupleKeys { get; init; }

    /// <summary>What to do when a tuple already exists (OpenFGA 1.10 and later; older servers ignore it).</summary>
    [JsonPropertyName("on_duplicate")] public WriteConflictAction? OnDuplicate { get; init; }
}

/// <summary>The <c>deletes</c> part of a Write.</summary>
public sealed record WriteRequestDeletes
{
    /// <summary>The tuples to remove; a condition on them is not sent.</summary>
    [JsonPropertyName("tuple_keys")] public IReadOnlyList<TupleKeyWithoutCondition>? TupleKeys { get; init; }

    /// <summary>What to do when a tuple does not exist (OpenFGA 1.10 and later; older servers ignore it).</summary>
    [JsonPropertyName("on_missing")] public WriteConflictAction? OnMissing { get; init; }
}

/// <summary>A tuple named by its user, relation and object only, as deletes and checks send it.</summary>
public sealed record TupleKeyWithoutCondition
{
    /// <summary>The subject.</summary>
    [JsonPropertyName("user")] public string? User { get; init; }

    /// <summary>The relation.</summary>
    [JsonPropertyName("relation")] public string? Relation { get; init; }

    /// <summary>The object.</summary>
    [JsonPropertyName("object")] public string? Object { get; init; }

    /// <summary>The same tuple without its condition.</summary>
    public static TupleKeyWithoutCondition From(TupleKey tuple)
    {
        ArgumentNullException.ThrowIfNull(tuple);
        return new() { User = tuple.User, Relation = tuple.Relation, Object = tuple.Object };
    }
}

/// <summary>
/// The filter of a Read. Every part is optional; <c>object</c> may be a bare type (<c>document:</c>),
/// in which case <c>user</c> is required.
/// </summary>
public sealed record ReadRequestTupleKey
{
    /// <summary>The subject to match.</summary>
    [JsonPropertyName("user")] public string? User { get; init; }

    /// <summary>The relation to match.</summary>
    [JsonPropertyName("relation")] public string? Relation { get; init; }

    /// <summary>The object, or a type followed by a colon.</summary>
    [JsonPropertyName("object")] public string? Object { get; init; }
}

/// <summary>The body of Read.</summary>
public sealed record ReadRequest
{
    /// <summary>The filter; null reads every tuple of the store.</summary>
    [JsonPropertyName("tuple_key")] public ReadRequestTupleKey? TupleKey { get; init; }

    /// <summary>1 to 100; the server's default is 50.</summary>
    [JsonPropertyName("page_size")] public int? PageSize { get; init; }

    /// <summary>The token of the page to read, from the previous answer.</summary>
    [JsonPropertyName("continuation_token")] public string? ContinuationToken { get; init; }

    /// <summary>Whether the server may answer from its caches.</summary>
    [JsonPropertyName("consistency")] public ConsistencyPreference? Consistency { get; init; }
}

/// <summary>One page of Read. The order of tuples is not guaranteed.</summary>
public sealed record ReadResponse
{
    /// <summary>The tuples of this page.</summary>
    [JsonPropertyName("tuples")] public IReadOnlyList<StoredTuple>? Tuples { get; init; }

    /// <summary>The token of the next page; empty when this is the last one.</summary>
    [JsonPropertyName("continuation_token")] public string? ContinuationToken { get; init; }
}

/// <summary>A tuple as stored, with the time it was written.</summary>
public sealed record StoredTuple
{
    /// <summary>The tuple.</summary>
    [JsonPropertyName("key")] public TupleKey? Key { get; init; }

    /// <summary>When it was written.</summary>
    [JsonPropertyName("timestamp")] public DateTimeOffset? Timestamp { get; init; }
}

/// <summary>One page of ReadChanges.</summary>
public sealed record ReadChangesResponse
{
    /// <summary>The changes of this page, oldest first.</summary>
    [JsonPropertyName("changes")] public IReadOnlyList<TupleChange>? Changes { get; init; }

    /// <summary>The token to continue from; the server returns one even on the last page.</summary>
    [JsonPropertyName("continuation_token")] public string? ContinuationToken { get; init; }
}

/// <summary>A write or delete recorded in the store's changelog.</summary>
public sealed record TupleChange
{
    /// <summary>The tuple written or deleted.</summary>
    [JsonPropertyName("tuple_key")] public TupleKey? TupleKey { get; init; }

    /// <summary><c>TUPLE_OPERATION_WRITE</c> or <c>TUPLE_OPERATION_DELETE</c>, kept as sent.</summary>
    [JsonPropertyName("operation")] public string? Operation { get; init; }

    /// <summary>When the change happened.</summary>
    [JsonPropertyName("timestamp")] public DateTimeOffset? Timestamp { get; init; }
}
