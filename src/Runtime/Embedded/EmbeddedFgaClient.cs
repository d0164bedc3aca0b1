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
}
