using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TypedFga.Backends;
using TypedFga.Caching;
using TypedFga.Diagnostics;
using TypedFga.Flushing;
using TypedFga.Outbox;
using TypedFga.Typed;
using TypedFga.Validation;

namespace TypedFga.Hosting;

/// <summary>
/// The runtime's <see cref="IFgaClient"/>: grants and revokes go to the durable outbox (write-behind) or straight
/// to OpenFGA (write-through), and checks read their own writes.
/// </summary>
/// <remarks>
/// <para>Write-through is used for <see cref="WriteMode.Immediate"/>, for relations the model marks
/// <c># @critical</c> (unless <see cref="WriteBehindPipeline.CriticalRelations"/> says otherwise), and for every write
/// when write-behind is disabled. A write-through on a tuple that still has an operation in the outbox goes through
/// the outbox and is flushed at once, so the order per tuple holds.</para>
/// <para>A check reads its own writes: it takes into account the operations acknowledged before it began (a snapshot
/// of the outbox) that can change its answer, followed object by object through the model. Such revokes are flushed
/// first (fail closed: while one cannot be sent, the check denies), and such grants travel with the check as
/// contextual tuples.</para>
/// </remarks>
public sealed partial class FgaClient : IFgaClient, ICheckByParts
{
    private readonly IFgaBackend _backend;
    private readonly FgaConnectionRegistry _connections;
    private readonly FgaModelInfo _model;
    private readonly WriteBehindPipeline? _writeBehind;
    private readonly ILogger _logger;
    private readonly string _connectionName;
    private readonly RelationDependencies _dependencies;
    private readonly CheckCache? _cache;
    private readonly PendingRelevance _relevance;

    // The connection once resolved: it never changes, and a cached check should not pay for the look-up.
    private FgaConnection? _connection;

    /// <summary>Creates the client of the default connection.</summary>
    /// <param name="backend">Where writes and checks go.</param>
    /// <param name="connections">Resolves connection names to stores and models.</param>
    /// <param name="model">The application's model: which relations are critical.</param>
    /// <param name="writeBehind">The outbox and its flushes; null when write-behind is disabled.</param>
    /// <param name="logger">Where the client logs.</param>
    /// <param name="cache">
    /// Remembers check answers; null to ask every time. Build it with the same model's dependencies
    /// (<see cref="RelationDependencies.FromModelJson"/>), so that a write forgets only what it can change.
    /// </param>
    public FgaClient(
        IFgaBackend backend,
        FgaConnectionRegistry connections,
        FgaModelInfo model,
        WriteBehindPipeline? writeBehind,
        ILogger<FgaClient>? logger = null,
        CheckCache? cache = null)
        : this(
            backend,
            connections,
            model,
            writeBehind,
            (ILogger?)logger ?? NullLogger.Instance,
            FgaOptions.DefaultConnectionName,
            RelationDependencies.FromModelJson((model ?? throw new ArgumentNullException(nameof(model))).Json),
            cache)
    {
        if (cache is not null && writeBehind is not null)
        {
            // On an outbox that nodes share, writes made on other nodes reach this node's cache too.
            writeBehind.Outbox.AppendedOnAnyNode += cache.Invalidate;
            // A cleared backlog, a dead letter or a retried one changes answers without a write of this client.
            writeBehind.Outbox.PendingChangedOutsideWrites += cache.Invalidate;
        }
    }

    private FgaClient(
        IFgaBackend backend,
        FgaConnectionRegistry connections,
        FgaModelInfo model,
        WriteBehindPipeline? writeBehind,
        ILogger logger,
        string connectionName,
        RelationDependencies dependencies,
        CheckCache? cache)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(connections);
        ArgumentNullException.ThrowIfNull(model);
        _backend = backend;
        _connections = connections;
        _model = model;
        _writeBehind = writeBehind;
        _logger = logger;
        _connectionName = connectionName;
        _dependencies = dependencies;
        _cache = cache;
        _relevance = new PendingRelevance(dependencies, backend);
    }

    /// <summary>The configured connection this client writes to.</summary>
    public string ConnectionName => _connectionName;

    /// <summary>True when grants and revokes are buffered in the outbox by default.</summary>
    public bool IsWriteBehindEnabled => _writeBehind is not null;

    /// <summary>
    /// A client for the connection named <paramref name="name"/> (<c>Fga:Connections:&lt;name&gt;</c>), whose
    /// operations are flushed to that connection's store. Use it with <c>Fga.Using(client)</c>.
    /// </summary>
    public FgaClient ForConnection(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name != FgaOptions.DefaultConnectionName && !_connections.Names.Contains(name, StringComparer.Ordinal))
        {
            throw new ArgumentException($"No OpenFGA connection is named '{name}'. Configure it under Fga:Connections:{name}.", nameof(name));
        }

        return new FgaClient(_backend, _connections, _model, _writeBehind, _logger, name, _dependencies, _cache);
    }

    /// <inheritdoc />
    public ValueTask GrantAsync(TupleKey tuple, WriteMode mode = WriteMode.Default, CancellationToken cancellationToken = default) =>
        WriteAsync(OutboxOperationKind.Grant, tuple, mode, cancellationToken);

    /// <inheritdoc />
    public ValueTask RevokeAsync(TupleKey tuple, WriteMode mode = WriteMode.Default, CancellationToken cancellationToken = default) =>
        WriteAsync(OutboxOperationKind.Revoke, tuple, mode, cancellationToken);

    /// <inheritdoc />
    public ValueTask<bool> CheckAsync(CheckQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        // A remembered answer is served without an async step; the connection is known after the first call.
        if (_cache is not null
            && Volatile.Read(ref _connection) is { } connection
            && CheckCache.IsCacheable(query)
            && _cache.TryGet(connection.StoreId, query, out var remembered))
        {
            using var activity = FgaTracing.StartCheck(query.Object, query.Relation);
            FgaTracing.RecordCachedCheck(activity, remembered);
            return new ValueTask<bool>(remembered);
        }

        return CheckQueryAsync(query, cancellationToken);
    }

    /// <summary>
    /// A check from the generated API: answered from the cache without building a string or allocating when it can be,
    /// otherwise as <see cref="CheckAsync(CheckQuery, CancellationToken)"/> answers the same query.
    /// </summary>
    ValueTask<bool> ICheckByParts.CheckAsync(in CheckParts check, FgaConsistency consistency, CancellationToken cancellationToken)
    {
        if (consistency == FgaConsistency.MinimizeLatency
            && _cache is not null
            && Volatile.Read(ref _connection) is { } connection
            && _cache.TryGet(connection.StoreId, check, out var remembered))
        {
            using var activity = FgaTracing.StartCheckOfType(check.ObjectType, check.Relation);
            FgaTracing.RecordCachedCheck(activity, remembered);
            return new ValueTask<bool>(remembered);
        }

        return CheckPartsAsync(check, consistency, cancellationToken);
    }

    private async ValueTask<bool> CheckQueryAsync(CheckQuery query, CancellationToken cancellationToken)
    {
        using var activity = FgaTracing.StartCheck(query.Object, query.Relation);
        try
        {
            var allowed = await CheckCachedAsync(query, parts: null, activity, cancellationToken).ConfigureAwait(false);
            activity?.SetTag(FgaActivitySource.CheckAllowedTag, allowed);
            return allowed;
        }
        catch (Exception exception) when (activity is not null)
        {
            FgaTracing.RecordFailure(activity, exception);
            throw;
        }
    }

    private async ValueTask<bool> CheckPartsAsync(CheckParts check, FgaConsistency consistency, CancellationToken cancellationToken)
    {
        var query = check.ToQuery(consistency);
        using var activity = FgaTracing.StartCheckOfType(check.ObjectType, check.Relation);
        try
        {
            var allowed = await CheckCachedAsync(query, check, activity, cancellationToken).ConfigureAwait(false);
            activity?.SetTag(FgaActivitySource.CheckAllowedTag, allowed);
            return allowed;
        }
        catch (Exception exception) when (activity is not null)
        {
            FgaTracing.RecordFailure(activity, exception);
            throw;
        }
    }

    // A check made in parts is remembered under its parts (so that the next one finds it without strings), any other
    // under its query.
    private async Task<bool> CheckCachedAsync(CheckQuery query, CheckParts? parts, Activity? activity, CancellationToken cancellationToken)
    {
        var connection = await GetConnectionAsync().ConfigureAwait(false);
        if (_cache is null || !CheckCache.IsCacheable(query))
        {
            return await CheckUncachedAsync(connection, query, activity, cancellationToken).ConfigureAwait(false);
        }

        var storeId = connection.StoreId;
        if (parts is { } check ? _cache.TryGet(storeId, check, out var remembered) : _cache.TryGet(storeId, query, out remembered))
        {
            activity?.SetTag(FgaActivitySource.CheckCachedTag, true);
            return remembered;
        }

        // Taken before the answer is computed: a write that ends after this point moves it, and the answer is dropped.
        var stamp = parts is { } stamped ? _cache.Stamp(storeId, stamped) : _cache.Stamp(storeId, query);
        var allowed = await CheckUncachedAsync(connection, query, activity, cancellationToken).ConfigureAwait(false);
        if (parts is { } stored)
        {
            _cache.Store(storeId, stored, allowed, stamp);
        }
        else
        {
            _cache.Store(storeId, query, allowed, stamp);
        }

        return allowed;
    }

    private ValueTask<FgaConnection> GetConnectionAsync() =>
        Volatile.Read(ref _connection) is { } connection ? new ValueTask<FgaConnection>(connection) : ResolveConnectionAsync();

    private async ValueTask<FgaConnection> ResolveConnectionAsync()
    {
        var connection = await _connections.GetAsync(_connectionName).ConfigureAwait(false);
        Volatile.Write(ref _connection, connection);
        return connection;
    }

    private async ValueTask WriteAsync(OutboxOperationKind kind, TupleKey tuple, WriteMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tuple);
        TupleValidator.Validate(tuple);
        var connection = await GetConnectionAsync().ConfigureAwait(false);
        // Before: from the moment the write may be seen, checks that it can change are asked, not served from the
        // cache. After: every answer computed before the write ended carries an older version and is dropped.
        _cache?.Invalidate(connection.StoreId, tuple);
        try
        {
            await RouteWriteAsync(connection, kind, tuple, mode, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _cache?.Invalidate(connection.StoreId, tuple);
        }
    }

    private async Task RouteWriteAsync(FgaConnection connection, OutboxOperationKind kind, TupleKey tuple, WriteMode mode, CancellationToken cancellationToken)
    {
        if (_writeBehind is null)
        {
            await SendAsync(connection, kind, tuple, cancellationToken).ConfigureAwait(false);
            return;
        }

        var critical = IsCritical(tuple);
        if (mode == WriteMode.Default && critical && _writeBehind.CriticalRelations == CriticalRelationPolicy.Reject)
        {
            throw new FgaCriticalRelationException(tuple);
        }

        if (mode == WriteMode.Default && (!critical || _writeBehind.CriticalRelations == CriticalRelationPolicy.Buffer))
        {
            await _writeBehind.Outbox.EnqueueAsync(connection, kind, tuple, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!await _writeBehind.Outbox.HasPendingAsync(connection, tuple, cancellationToken).ConfigureAwait(false))
        {
            await SendAsync(connection, kind, tuple, cancellationToken).ConfigureAwait(false);
            // Written past the outbox: nodes sharing it still learn of it, so that their cached answers go.
            await _writeBehind.Outbox.AnnounceWrittenAsync(connection.StoreId, tuple).ConfigureAwait(false);
            return;
        }

        await WriteThroughOutboxAsync(_writeBehind, connection, kind, tuple, cancellationToken).ConfigureAwait(false);
    }

    // An older operation on this tuple is still queued: queue this one behind it and flush both now, so
    // the older one can never land after this one.
    private static async Task WriteThroughOutboxAsync(
        WriteBehindPipeline writeBehind, FgaConnection connection, OutboxOperationKind kind, TupleKey tuple, CancellationToken cancellationToken)
    {
        await writeBehind.Outbox.EnqueueAsync(connection, kind, tuple, cancellationToken).ConfigureAwait(false);
        for (var round = 0; round < 3; round++)
        {
            await writeBehind.Flushes.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (!await writeBehind.Outbox.HasPendingAsync(connection, tuple, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }

        throw new FgaWriteThroughException(tuple);
    }

    private async Task SendAsync(FgaConnection connection, OutboxOperationKind kind, TupleKey tuple, CancellationToken cancellationToken)
    {
        if (kind == OutboxOperationKind.Revoke)
        {
            await _backend.WriteAsync(connection, [], [tuple], WriteConflictOptions.Idempotent, cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            await _backend.WriteAsync(connection, [tuple], [], WriteConflictOptions.Idempotent, cancellationToken).ConfigureAwait(false);
        }
        catch (FgaApiException exception) when (WriteFailure.Classify(exception, timedOut: false).Kind == WriteFailureKind.ConditionChanged)
        {
            // OpenFGA never changes a stored tuple's condition on write: replace the tuple, as a flush does. Between
            // the two requests checks deny, which fails closed.
            await _backend.WriteAsync(connection, [], [tuple], WriteConflictOptions.Idempotent, cancellationToken).ConfigureAwait(false);
            await _backend.WriteAsync(connection, [tuple], [], WriteConflictOptions.Idempotent, cancellationToken).ConfigureAwait(false);
        }
    }

    private bool IsCritical(TupleKey tuple) => _model.IsCritical(TupleParts.TypeOf(tuple.Object), tuple.Relation);
}
