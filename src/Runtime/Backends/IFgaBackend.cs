using System.Runtime.CompilerServices;

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

    /// <summary>Answers checks in the order given; the default asks them one by one.</summary>
    /// <exception cref="FgaApiException">The server could not answer one of them.</exception>
    async Task<IReadOnlyList<bool>> BatchCheckAsync(
        FgaConnection connection, IReadOnlyList<CheckQuery> checks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var answers = new bool[checks.Count];
        for (var i = 0; i < checks.Count; i++)
        {
            answers[i] = await CheckAsync(connection, checks[i], cancellationToken).ConfigureAwait(false);
        }

        return answers;
    }

    /// <summary>Answers a ListObjects: the objects, as <c>type:id</c>.</summary>
    Task<IReadOnlyList<string>> ListObjectsAsync(FgaConnection connection, ListObjectsQuery query, CancellationToken cancellationToken = default) =>
        throw Unsupported("ListObjects");

    /// <summary>Streams the objects of a ListObjects as the server finds them; the default streams the answer of <see cref="ListObjectsAsync"/>.</summary>
    async IAsyncEnumerable<string> StreamListObjectsAsync(
        FgaConnection connection, ListObjectsQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var @object in await ListObjectsAsync(connection, query, cancellationToken).ConfigureAwait(false))
        {
            yield return @object;
        }
    }

    /// <summary>Answers a ListUsers: the subjects, as <c>user:anne</c>, <c>user:*</c> or <c>team:eng#member</c>.</summary>
    Task<IReadOnlyList<string>> ListUsersAsync(FgaConnection connection, ListUsersQuery query, CancellationToken cancellationToken = default) =>
        throw Unsupported("ListUsers");

    /// <summary>Reads one page of the stored tuples that match the query's filter.</summary>
    /// <param name="connection">The store.</param>
    /// <param name="query">The filter and page size.</param>
    /// <param name="continuationToken">The token of the page to read, from the previous page; null for the first.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<FgaReadPage> ReadAsync(FgaConnection connection, ReadQuery query, string? continuationToken, CancellationToken cancellationToken = default) =>
        throw Unsupported("Read");

    /// <summary>Answers an Expand.</summary>
    Task<FgaExpandNode> ExpandAsync(FgaConnection connection, ExpandQuery query, CancellationToken cancellationToken = default) =>
        throw Unsupported("Expand");

    private NotSupportedException Unsupported(string operation) =>
        new($"The backend {GetType().Name} does not answer {operation}.");
}
