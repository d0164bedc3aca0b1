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

    /// <summary>
    /// The users of the tuples stored on <paramref name="object"/>#<paramref name="relation"/> (for example the
    /// folders a document's <c>parent</c> names, or the usersets granted a relation), at most
    /// <paramref name="limit"/> of them. Null when there are more, or when the backend cannot tell.
    /// </summary>
    /// <remarks>
    /// A check uses it to follow the edges of the model to the objects whose pending operations can change its
    /// answer. The default answers null, which makes the check consider every pending operation of the types it
    /// depends on: always safe, only less precise.
    /// </remarks>
    Task<IReadOnlyList<string>?> ReadUsersAsync(
        FgaConnection connection, string @object, string relation, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>?>(null);
}
