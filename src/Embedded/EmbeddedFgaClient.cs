using System.Runtime.CompilerServices;
using TypedFga.Backends;

namespace TypedFga.Embedded;

/// <summary>
/// An <see cref="IFgaClient"/> over the embedded engine, so the generated typed API runs with no server.
/// Grants and revokes are idempotent (written with <c>on_duplicate</c> / <c>on_missing</c> = <c>ignore</c>) and
/// take effect immediately.
/// </summary>
public sealed class EmbeddedFgaClient : IFgaClient
{
    private readonly EmbeddedBackend _backend;
    private readonly FgaConnection _connection;

    /// <summary>Creates a client for one store and model of the engine.</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="storeId">The store to read and write.</param>
    /// <param name="authorizationModelId">The model to use; the store's latest when null.</param>
    public EmbeddedFgaClient(EmbeddedOpenFga engine, string storeId, string? authorizationModelId = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentException.ThrowIfNullOrEmpty(storeId);
        _backend = new EmbeddedBackend(engine);
        _connection = new FgaConnection("embedded", storeId, authorizationModelId);
    }

    /// <inheritdoc />
    public async ValueTask GrantAsync(TupleKey tuple, WriteMode mode = WriteMode.Default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tuple);
        await _backend.WriteAsync(_connection, [tuple], [], WriteConflictOptions.Idempotent, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask RevokeAsync(TupleKey tuple, WriteMode mode = WriteMode.Default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tuple);
        await _backend.WriteAsync(_connection, [], [tuple], WriteConflictOptions.Idempotent, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<bool> CheckAsync(CheckQuery query, CancellationToken cancellationToken = default) =>
        await _backend.CheckAsync(_connection, query, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<bool>> BatchCheckAsync(IReadOnlyList<CheckQuery> checks, CancellationToken cancellationToken = default) =>
        await _backend.BatchCheckAsync(_connection, checks, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<string>> ListObjectsAsync(ListObjectsQuery query, CancellationToken cancellationToken = default) =>
        await _backend.ListObjectsAsync(_connection, query, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public IAsyncEnumerable<string> StreamListObjectsAsync(ListObjectsQuery query, CancellationToken cancellationToken = default) =>
        _backend.StreamListObjectsAsync(_connection, query, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<string>> ListUsersAsync(ListUsersQuery query, CancellationToken cancellationToken = default) =>
        await _backend.ListUsersAsync(_connection, query, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async IAsyncEnumerable<FgaTupleRecord> ReadAsync(ReadQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? continuation = null;
        while (true)
        {
            var page = await _backend.ReadAsync(_connection, query, continuation, cancellationToken).ConfigureAwait(false);
            foreach (var tuple in page.Tuples)
            {
                yield return tuple;
            }

            if (string.IsNullOrEmpty(page.ContinuationToken) || page.ContinuationToken == continuation)
            {
                yield break;
            }

            continuation = page.ContinuationToken;
        }
    }

    /// <inheritdoc />
    public async ValueTask<FgaExpandNode> ExpandAsync(ExpandQuery query, CancellationToken cancellationToken = default) =>
        await _backend.ExpandAsync(_connection, query, cancellationToken).ConfigureAwait(false);
}
