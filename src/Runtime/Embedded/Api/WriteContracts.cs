namespace TypedFga.Embedded.Api;

/// <summary>Write's body: deletes and writes applied in one transaction (deletes first).</summary>
public sealed record WriteRequest
{
    /// <summary>Tuples to add.</summary>
    public WriteRequestWrites? Writes { get; init; }

    /// <summary>Tuples to remove.</summary>
    public WriteRequestDeletes? Deletes { get; init; }

    /// <summary>The model the written tuples are validated against; the latest when empty.</summary>
    public string? AuthorizationModelId { get; init; }
}

/// <summary>The writes of a Write.</summary>
public sealed record WriteRequestWrites
{
    /// <summary>The tuples.</summary>
    public IReadOnlyList<ApiTupleKey>? TupleKeys { get; init; }

    /// <summary><c>error</c> (default) or <c>ignore</c>: what writing an existing tuple does.</summary>
    public string? OnDuplicate { get; init; }
}

/// <summary>The deletes of a Write.</summary>
public sealed record WriteRequestDeletes
{
    /// <summary>The tuples; a condition on them is ignored.</summary>
    public IReadOnlyList<ApiTupleKey>? TupleKeys { get; init; }

    /// <summary><c>error</c> (default) or <c>ignore</c>: what deleting a missing tuple does.</summary>
    public string? OnMissing { get; init; }
}

/// <summary>Read's body.</summary>
public sealed record ReadRequest
{
    /// <summary>The filter; all tuples when null. <c>object</c> may be <c>type:</c> (type only, then <c>user</c> is required).</summary>
    public ApiTupleKey? TupleKey { get; init; }

    /// <summary>1 to 100; 50 when null.</summary>
    public int? PageSize { get; init; }

    /// <summary>The token of a previous page.</summary>
    public string? ContinuationToken { get; init; }

    /// <summary>Accepted for compatibility; the embedded engine is always consistent.</summary>
    public string? Consistency { get; init; }
}

/// <summary>Read's page.</summary>
public sealed record ReadResponse
{
    /// <summary>The tuples of this page.</summary>
    public IReadOnlyList<ApiTuple> Tuples { get; init; } = [];

    /// <summary>The token of the next page, or empty.</summary>
    public string ContinuationToken { get; init; } = "";
}

/// <summary>ReadChanges' query.</summary>
public sealed record ReadChangesRequest
{
    /// <summary>Only changes of tuples whose object has this type.</summary>
    public string? Type { get; init; }

    /// <summary>1 to 100; 50 when null.</summary>
    public int? PageSize { get; init; }

    /// <summary>The token of a previous page.</summary>
    public string? ContinuationToken { get; init; }

    /// <summary>Only changes at or after this time.</summary>
    public DateTimeOffset? StartTime { get; init; }
}

/// <summary>ReadChanges' page, oldest first.</summary>
public sealed record ReadChangesResponse
{
    /// <summary>The changes of this page.</summary>
    public IReadOnlyList<TupleChange> Changes { get; init; } = [];

    /// <summary>The token to continue from (also when the page was not full, to poll for later changes).</summary>
    public string ContinuationToken { get; init; } = "";
}
