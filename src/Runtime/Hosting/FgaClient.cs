using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TypedFga.Backends;
using TypedFga.Caching;
using TypedFga.Diagnostics;
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
/// <c># @critical</c>, and for every write when write-behind is disabled. A write-through on a tuple that still has
/// an operation in the outbox goes through the outbox and is flushed at once, so the order per tuple holds.</para>
/// <para>A check reads its own writes. Of the operations pending for its store it considers those that can change
/// its answer (the model's relation dependencies tell which): such revokes are flushed first (fail closed: while
/// one cannot be sent, the check denies), and such grants travel with the check as contextual tuples.</para>
/// </remarks>
public sealed partial class FgaClient : IFgaClient
{
    // OpenFGA accepts at most 100 contextual tuples per check.
    private const int MaxContextualTuples = 100;

    // How many pending operations on the relations a check depends on it reads; beyond this it flushes first.
    private const int PendingLookupLimit = 1000;

    // The backlog (pending operations of the process, all stores) up to which a check looks for the ones that
    // matter to it; beyond it the look-up scan would cost more than the check, and it flushes first.
    private const int MaxPendingScanned = 50_000;

    private readonly IFgaBackend _backend;
    private readonly FgaConnectionRegistry _connections;
    private readonly FgaModelInfo _model;
    private readonly WriteBehindPipeline? _writeBehind;
    private readonly ILogger _logger;
    private readonly string _connectionName;
    private readonly RelationDependencies _dependencies;
    private readonly CheckCache? _cache;

    /// <summary>Creates the client of the default connection.</summary>
    /// <param name="backend">Where writes and checks go.</param>
    /// <param name="connections">Resolves connection names to stores and models.</param>
    /// <param name="model">The application's model: which relations are critical.</param>
    /// <param name="writeBehind">The outbox and its flushes; null when write-behind is disabled.</param>
    /// <param name="logger">Where the client logs.</param>
    /// <param name="cache">Remembers check answers; null to ask every time.</param>
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
    public async ValueTask<bool> CheckAsync(CheckQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var activity = FgaActivitySource.StartCheck(query.Object, query.Relation);
        try
        {
            var allowed = await CheckCachedAsync(query, activity, cancellationToken).ConfigureAwait(false);
            activity?.SetTag(FgaActivitySource.CheckAllowedTag, allowed);
            return allowed;
        }
        catch (Exception exception) when (activity is not null)
        {
            FgaActivitySource.RecordFailure(activity, exception);
            throw;
        }
    }

    private async Task<bool> CheckCachedAsync(CheckQuery query, Activity? activity, CancellationToken cancellationToken)
    {
        var connection = await _connections.GetAsync(_connectionName).ConfigureAwait(false);
        if (_cache is null || !CheckCache.IsCacheable(query))
        {
            return await CheckUncachedAsync(connection, query, activity, cancellationToken).ConfigureAwait(false);
        }

        if (_cache.TryGet(connection.StoreId, query, out var remembered))
        {
            activity?.SetTag(FgaActivitySource.CheckCachedTag, true);
            return remembered;
        }

        var generation = _cache.Generation;
        var allowed = await CheckUncachedAsync(connection, query, activity, cancellationToken).ConfigureAwait(false);
        _cache.Store(connection.StoreId, query, allowed, generation);
        return allowed;
    }

    private async Task<bool> CheckUncachedAsync(FgaConnection connection, CheckQuery query, Activity? activity, CancellationToken cancellationToken)
    {
        if (_writeBehind is null || _writeBehind.Outbox.PendingEstimate == 0)
        {
            return await _backend.CheckAsync(connection, query, cancellationToken).ConfigureAwait(false);
        }

        var room = MaxContextualTuples - (query.ContextualTuples?.Count ?? 0);
        var pending = await ReadRelevantPendingAsync(connection, query, cancellationToken).ConfigureAwait(false);
        if (pending is null || pending.Any(op => op.Kind == OutboxOperationKind.Revoke) || pending.Count > room)
        {
            // Revokes cannot travel as contextual tuples: send them first, and what else is pending with them.
            activity?.SetTag(FgaActivitySource.CheckFlushedFirstTag, true);
            await _writeBehind.Flushes.FlushAsync(cancellationToken).ConfigureAwait(false);
            pending = await ReadRelevantPendingAsync(connection, query, cancellationToken).ConfigureAwait(false);
            if (pending is null || pending.Any(op => op.Kind == OutboxOperationKind.Revoke))
            {
                CheckDeniedWhileRevokesPending(_logger, query.Object, query.Relation, query.User, connection.StoreId);
                activity?.SetTag(FgaActivitySource.CheckDeniedPendingRevokeTag, true);
                return false;
            }

            if (pending.Count > room)
            {
                // Too many grants still queued to send along: answer from what OpenFGA has, which can only deny more.
                CheckWithoutPendingGrants(_logger, query.Object, query.Relation, query.User, pending.Count);
                return await _backend.CheckAsync(connection, query, cancellationToken).ConfigureAwait(false);
            }
        }

        if (pending.Count == 0)
        {
            return await _backend.CheckAsync(connection, query, cancellationToken).ConfigureAwait(false);
        }

        activity?.SetTag(FgaActivitySource.CheckPendingGrantsTag, pending.Count);
        var contextual = (query.ContextualTuples ?? []).Concat(pending.Select(op => op.Tuple)).ToList();
        return await _backend.CheckAsync(connection, query with { ContextualTuples = contextual }, cancellationToken).ConfigureAwait(false);
    }

    // The pending operations of the store that can change this check's answer, or null when there are more
    // pending operations than one look-up reads (then nothing can be ruled out).
    private async Task<List<PendingOperation>?> ReadRelevantPendingAsync(FgaConnection connection, CheckQuery query, CancellationToken cancellationToken)
    {
        // Only the relations the check depends on are read, so a backlog elsewhere in the store (say, grants that
        // wait out a backoff after an outage) does not make it fail closed. Past a very large backlog the scan
        // would cost more than the check is worth: then nothing is ruled out.
        if (_writeBehind!.Outbox.PendingEstimate > MaxPendingScanned)
        {
            return null;
        }

        var checkType = TypeOf(query.Object);
        var relations = _dependencies.RelationsThatCanAffect(checkType, query.Relation);
        var pending = await _writeBehind.Outbox.GetPendingForStoreAsync(connection.StoreId, relations, PendingLookupLimit, cancellationToken).ConfigureAwait(false);
        if (pending.Count >= PendingLookupLimit)
        {
            return null;
        }

        return pending.Where(op => _dependencies.CanAffect(TypeOf(op.Tuple.Object), op.Tuple.Relation, checkType, query.Relation)).ToList();
    }

    private static string TypeOf(string @object)
    {
        var colon = @object.IndexOf(':');
        return colon > 0 ? @object[..colon] : @object;
    }

    private async ValueTask WriteAsync(OutboxOperationKind kind, TupleKey tuple, WriteMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tuple);
        TupleValidator.Validate(tuple);
        // Before and after: a check that overlaps the write in any way cannot keep its answer.
        _cache?.Invalidate();
        try
        {
            await RouteWriteAsync(kind, tuple, mode, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _cache?.Invalidate();
        }
    }

    private async Task RouteWriteAsync(OutboxOperationKind kind, TupleKey tuple, WriteMode mode, CancellationToken cancellationToken)
    {
        var connection = await _connections.GetAsync(_connectionName).ConfigureAwait(false);
        if (_writeBehind is null)
        {
            await SendAsync(connection, kind, tuple, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (mode == WriteMode.Default && !IsCritical(tuple))
        {
            await _writeBehind.Outbox.EnqueueAsync(connection, kind, tuple, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!await _writeBehind.Outbox.HasPendingAsync(connection, tuple, cancellationToken).ConfigureAwait(false))
        {
            await SendAsync(connection, kind, tuple, cancellationToken).ConfigureAwait(false);
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

    private Task SendAsync(FgaConnection connection, OutboxOperationKind kind, TupleKey tuple, CancellationToken cancellationToken) =>
        kind == OutboxOperationKind.Grant
            ? _backend.WriteAsync(connection, [tuple], [], WriteConflictOptions.Idempotent, cancellationToken)
            : _backend.WriteAsync(connection, [], [tuple], WriteConflictOptions.Idempotent, cancellationToken);

    private bool IsCritical(TupleKey tuple) => _model.IsCritical(TypeOf(tuple.Object), tuple.Relation);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning,
        Message = "Check {Object}#{Relation}@{User} answered without {Count} pending grants that could not be flushed and are too many to send along.")]
    private static partial void CheckWithoutPendingGrants(ILogger logger, string @object, string relation, string user, int count);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning,
        Message = "Check {Object}#{Relation}@{User} denied: revokes for store {StoreId} are still pending and could not be flushed.")]
    private static partial void CheckDeniedWhileRevokesPending(ILogger logger, string @object, string relation, string user, string storeId);
}
