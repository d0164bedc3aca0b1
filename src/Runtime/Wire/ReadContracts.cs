namespace TypedFga.Wire;

/// <summary>Read's body.</summary>
internal sealed record ReadRequest
{
    /// <summary>The filter; all tuples when null.</summary>
    public ReadRequestTupleKey? TupleKey { get; init; }

    /// <summary>1 to 100; 50 when null.</summary>
    public int? PageSize { get; init; }

    /// <summary>The token of a previous page.</summary>
    public string? ContinuationToken { get; init; }

    /// <summary>A <see cref="ConsistencyPreference"/> name; the embedded engine has no caches and ignores it.</summary>
    public string? Consistency { get; init; }
}

/// <summary>
/// Read's filter. Every part is optional; <c>object</c> may be a bare type (<c>document:</c>), in which case
/// <c>user</c> is required.
/// </summary>
internal sealed record ReadRequestTupleKey
{
    /// <summary>The user to match.</summary>
    public string? User { get; init; }

    /// <summary>The relation to match.</summary>
    public string? Relation { get; init; }

    /// <summary>The object, or a type followed by a colon.</summary>
    public string? Object { get; init; }
}

/// <summary>Read's page. The order of tuples is not guaranteed.</summary>
internal sealed record ReadResponse
{
    // OpenFGA always sends the list and the token; a null reads as empty, as protojson reads it.

    /// <summary>The tuples of this page.</summary>
    public IReadOnlyList<ApiTuple> Tuples { get; init => field = value ?? []; } = [];

    /// <summary>The token of the next page, or empty.</summary>
    public string ContinuationToken { get; init => field = value ?? ""; } = "";
}

/// <summary>ReadChanges' query (sent in the query string, not as a body).</summary>
internal sealed record ReadChangesRequest
{
    /// <summary>Only changes of tuples whose object has this type.</summary>
    public string? Type { get; init; }

    /// <summary>1 to 100; 50 when null.</summary>
    public int? PageSize { get; init; }

    /// <summary>The token of a previous page.</summary>
    public string? ContinuationToken { get; init; }

    /// <summary>Only changes at or after this time (OpenFGA 1.8 and later; ignored with a token).</summary>
    public DateTimeOffset? StartTime { get; init; }
}

/// <summary>ReadChanges' page, oldest first.</summary>
internal sealed record ReadChangesResponse
{
    // OpenFGA always sends the list and the token; a null reads as empty, as protojson reads it.

    /// <summary>The changes of this page.</summary>
    public IReadOnlyList<TupleChange> Changes { get; init => field = value ?? []; } = [];

    /// <summary>The token to continue from: also on the last page, so that polling can resume from it later.</summary>
    public string ContinuationToken { get; init => field = value ?? ""; } = "";
}
