namespace TypedFga.Backends;

/// <summary>
/// The OpenFGA service the runtime talks to: a remote server over HTTP or the embedded engine.
/// Failures surface as <see cref="FgaApiException"/> (the server answered with an error) or as
/// <see cref="HttpRequestException"/> / <see cref="TimeoutException"/> (it could not be reached).
/// </summary>
public interface IFgaBackend
{
    /// <summary>Writes and deletes tuples in one request (at most the server's per-write limit in all).</summary>
    Task WriteAsync(
        FgaConnection connection,
        IReadOnlyList<TupleKey> writes,
        IReadOnlyList<TupleKey> deletes,
        WriteConflictOptions conflicts,
        CancellationToken cancellationToken = default);

    /// <summary>Answers a Check.</summary>
    Task<bool> CheckAsync(FgaConnection connection, CheckQuery query, CancellationToken cancellationToken = default);
}
