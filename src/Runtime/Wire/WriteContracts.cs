namespace TypedFga.Wire;

/// <summary>Write's body: deletes and writes applied in one transaction (deletes first).</summary>
internal sealed record WriteRequest
{
    /// <summary>Tuples to add; null when the request only deletes (OpenFGA refuses an empty one).</summary>
    public WriteRequestWrites? Writes { get; init; }

    /// <summary>Tuples to remove; null when the request only adds (OpenFGA refuses an empty one).</summary>
    public WriteRequestDeletes? Deletes { get; init; }

    /// <summary>The model the written tuples are validated against; the latest when empty.</summary>
    public string? AuthorizationModelId { get; init; }
}

/// <summary>Write's answer: an empty object.</summary>
internal sealed record WriteResponse;

/// <summary>The writes of a Write.</summary>
internal sealed record WriteRequestWrites
{
    /// <summary>The tuples, with their conditions.</summary>
    public IReadOnlyList<ApiTupleKey>? TupleKeys { get; init; }

    /// <summary>A <see cref="WriteConflictAction"/>: what writing an existing tuple does (OpenFGA 1.10 and later; older servers ignore it).</summary>
    public string? OnDuplicate { get; init; }
}

/// <summary>The deletes of a Write.</summary>
internal sealed record WriteRequestDeletes
{
    /// <summary>The tuples, without conditions.</summary>
    public IReadOnlyList<TupleKeyWithoutCondition>? TupleKeys { get; init; }

    /// <summary>A <see cref="WriteConflictAction"/>: what deleting a missing tuple does (OpenFGA 1.10 and later; older servers ignore it).</summary>
    public string? OnMissing { get; init; }
}

/// <summary>
/// The values of <c>on_duplicate</c> and <c>on_missing</c>. OpenFGA declares them as strings, not as an enum; an
/// empty or absent one means <see cref="Error"/>, and any other value is refused.
/// </summary>
internal static class WriteConflictAction
{
    /// <summary>Fail the whole Write (OpenFGA's default).</summary>
    public const string Error = "error";

    /// <summary>Skip the tuple; the rest of the Write proceeds.</summary>
    public const string Ignore = "ignore";
}
