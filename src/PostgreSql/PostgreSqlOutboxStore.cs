using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;
using TypedFga.Backends;
using TypedFga.Validation;
using static TypedFga.Outbox.PostgreSql.PostgreSqlCommands;

namespace TypedFga.Outbox.PostgreSql;

/// <summary>
/// The write-behind outbox in a PostgreSQL database that many application nodes share: one global order of
/// operations (a database sequence), claims that any number of flushers make side by side without sending an
/// operation twice (<c>FOR UPDATE SKIP LOCKED</c> and leases), and durability on commit.
/// </summary>
/// <remarks>
/// <para>Per tuple the last acknowledged operation wins wherever it was issued: an append takes a transaction-scoped
/// advisory lock on its tuple before it draws its sequence number, so two nodes writing the same tuple commit in
/// the order of their numbers. A pending (not claimed) operation on the tuple is replaced, as in the SQLite outbox.</para>
/// <para>Lease times are the database's clock (<c>now()</c>), so nodes whose clocks disagree still agree on when a
/// lease has expired. Backoff delays are added to the database's clock too.</para>
/// </remarks>
public sealed partial class PostgreSqlOutboxStore : OutboxStore
{
    private const string OperationColumns =
        "seq, tuple_hash, kind, attempts, connection_name, store_id, model_id, subject, relation, object, condition_name, condition_context";

    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly PostgreSqlAppendBatcher _appends;
    private readonly PostgreSqlOutboxListener? _listener;
    private readonly ILogger _logger;
    private readonly Lock _initializationGate = new();
    private Task? _initialization;

    /// <summary>Creates the store; the tables are created or migrated on first use.</summary>
    /// <param name="connectionString">An Npgsql connection string to the database the nodes share.</param>
    /// <param name="timeProvider">The clock for waits of this process; lease and retry times are the database's clock.</param>
    /// <param name="logger">Where the store logs; nothing is logged when null.</param>
    /// <exception cref="ArgumentException">The connection string cannot be read.</exception>
    public PostgreSqlOutboxStore(string connectionString, TimeProvider? timeProvider = null, ILogger<PostgreSqlOutboxStore>? logger = null)
        : this(NpgsqlDataSource.Create(connectionString), ownsDataSource: true, listen: false, timeProvider, logger)
    {
    }

    /// <summary>A store on <paramref name="dataSource"/>, which the caller keeps and disposes.</summary>
    internal PostgreSqlOutboxStore(NpgsqlDataSource dataSource)
        : this(dataSource, ownsDataSource: false, listen: false, timeProvider: null, logger: null)
    {
    }

    /// <summary>
    /// A store on <paramref name="dataSource"/>; with <paramref name="listen"/> it also listens for the operations every
    /// node appends and raises <see cref="OutboxStore.AppendedOnAnyNode"/> for each.
    /// </summary>
    internal PostgreSqlOutboxStore(NpgsqlDataSource dataSource, bool ownsDataSource, bool listen, TimeProvider? timeProvider, ILogger? logger)
        : base(timeProvider, logger)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        _logger = logger ?? NullLogger.Instance;
        _appends = new PostgreSqlAppendBatcher(dataSource);
        if (listen)
        {
            _listener = new PostgreSqlOutboxListener(dataSource, logger);
            _listener.Appended += notification =>
                OnAppendedOnAnyNode(notification.StoreId, new TupleKey(notification.User, notification.Relation, notification.Object));
            _listener.PendingChanged += () => OnPendingChangedOutsideWrites(1);
        }

        Location = Describe(dataSource.ConnectionString);
    }

    /// <summary>The database, as <c>PostgreSQL database 'name' on host:port</c>.</summary>
    public override string Location { get; }

    // Other nodes append without this process learning of it: checks always read the outbox.
    internal override PendingTupleIndex? PendingTuples => null;

    /// <summary>
    /// Creates or migrates the tables, counts what is pending and, when this store listens, starts listening; every
    /// operation does this first, once.
    /// </summary>
    /// <exception cref="InvalidOperationException">The database holds a newer schema than this library knows.</exception>
    public Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        var initialization = Volatile.Read(ref _initialization);
        if (initialization is { IsCompletedSuccessfully: true })
        {
            return Task.CompletedTask;
        }

        lock (_initializationGate)
        {
            // A failed attempt (server down at start) is tried again by the next caller.
            if (_initialization is null || _initialization.IsFaulted || _initialization.IsCanceled)
            {
                _initialization = InitializeOnceAsync();
            }

            return _initialization.WaitAsync(cancellationToken);
        }
    }

    internal override async Task RefreshAfterFlushAsync(CancellationToken cancellationToken = default)
    {
        var pending = await GetPendingCountAsync(cancellationToken).ConfigureAwait(false);
        ResetPendingEstimate(pending.Total);
    }

    private static NpgsqlCommand PendingChangedAnnouncement(NpgsqlConnection database) =>
        Statement(database, "SELECT pg_notify($1, $2)", PostgreSqlOutboxNotification.Channel, PostgreSqlOutboxNotification.PendingChanged);

    internal override async Task AnnounceWrittenAsync(string storeId, TupleKey tuple)
    {
        try
        {
            await using var database = await OpenAsync(CancellationToken.None).ConfigureAwait(false);
            // Sequence 0: written straight to OpenFGA, not queued.
            await using var command = Statement(
                database, "SELECT pg_notify($1, '0' || $2)", PostgreSqlOutboxNotification.Channel, PostgreSqlOutboxNotification.FormatTail(storeId, tuple));
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            PostgreSqlOutboxLog.AnnouncementFailed(_logger, tuple.ToString(), exception.Message);
        }
    }

    private protected override async Task<long> AppendAsync(FgaConnection connection, OutboxOperationKind kind, TupleKey tuple, string? conditionContext, long tupleHash)
    {
        await InitializeAsync().ConfigureAwait(false);
        // Once queued the append is not withdrawn: it commits with the others of its transaction, or fails with them.
        var sequence = await _appends.AppendAsync(connection, kind, tuple, conditionContext, tupleHash).ConfigureAwait(false);
        OnAppended(1, AddToPendingEstimate(1));
        return sequence;
    }

    private protected override void DisposeCore() => DisposeCoreAsync().AsTask().GetAwaiter().GetResult();

    // Lets the appends already queued commit, then stops taking new ones.
    private protected override async ValueTask DisposeCoreAsync()
    {
        await _appends.DisposeAsync().ConfigureAwait(false);
        if (_listener is not null)
        {
            await _listener.DisposeAsync().ConfigureAwait(false);
        }

        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task InitializeOnceAsync()
    {
        await PostgreSqlOutboxSchema.MigrateAsync(_dataSource, CancellationToken.None).ConfigureAwait(false);
        var pending = await CountPendingAsync(CancellationToken.None).ConfigureAwait(false);
        ResetPendingEstimate(pending.Total);
        if (_listener is not null)
        {
            await _listener.StartAsync(CancellationToken.None).ConfigureAwait(false);
        }

        PostgreSqlOutboxLog.Opened(_logger, Location, PostgreSqlOutboxSchema.CurrentVersion, pending.Total);
    }

    /// <summary>An open connection to the database, the tables created or migrated first.</summary>
    private async ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Describe(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL database '{settings.Database}' on {settings.Host}:{settings.Port}";
    }

    /// <summary>
    /// Leases up to <paramref name="limit"/> due operations numbered at most <paramref name="maxSequence"/> to
    /// <paramref name="owner"/> and returns them in sequence order. Rows another flusher is claiming at the same moment
    /// are skipped, not waited for; at most one operation per tuple is claimed, the oldest, and only when no older one
    /// waits.
    /// </summary>
    internal override async Task<IReadOnlyList<ClaimedOperation>> ClaimAsync(string owner, int limit, long maxSequence, TimeSpan leaseDuration)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var database = await OpenAsync(CancellationToken.None).ConfigureAwait(false);
        await using var command = Statement(
            database,
            "WITH picked AS (" +
            "SELECT o.seq FROM typedfga_outbox_operations o " +
            "WHERE o.next_attempt_at <= now() AND o.seq <= $4 " +
            // The oldest operation of its tuple only: an older one (waiting, or in flight elsewhere) goes first.
            "AND NOT EXISTS (SELECT 1 FROM typedfga_outbox_operations y WHERE y.tuple_hash = o.tuple_hash AND y.seq < o.seq) " +
            "ORDER BY o.next_attempt_at, o.seq LIMIT $1 FOR UPDATE SKIP LOCKED) " +
            "UPDATE typedfga_outbox_operations t SET lease_owner = $2, next_attempt_at = now() + $3, attempts = t.attempts + 1 " +
            $"FROM picked WHERE t.seq = picked.seq RETURNING {Qualified("t", OperationColumns)}",
            limit,
            owner,
            new NpgsqlParameter { Value = leaseDuration, NpgsqlDbType = NpgsqlDbType.Interval },
            maxSequence);

        var claimed = new List<ClaimedOperation>(limit);
        await using (var reader = await command.ExecuteReaderAsync().ConfigureAwait(false))
        {
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                claimed.Add(ReadClaimed(reader));
            }
        }

        // RETURNING yields rows in no particular order.
        claimed.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
        return claimed;
    }

    /// <summary>
    /// Records how a flush ended for operations leased to <paramref name="owner"/>, in one transaction: acknowledged ones
    /// go, rescheduled ones wait for their next attempt, released ones are due again at once (the attempt not counted),
    /// dead-lettered ones move to the dead letters. An operation that failed or was not attempted while a newer one on
    /// its tuple waited behind it is dropped instead, as superseded. Rows whose lease another flusher has taken over are
    /// left alone.
    /// </summary>
    internal override async Task<SupersededOnCompletion> CompleteAsync(string owner, OutboxCompletion completion)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentNullException.ThrowIfNull(completion);
        if (completion.IsEmpty)
        {
            return default;
        }

        await using var database = await OpenAsync(CancellationToken.None).ConfigureAwait(false);
        await using var transaction = await database.BeginTransactionAsync().ConfigureAwait(false);
        var superseded = await DropSupersededAsync(database, transaction, owner, completion).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(database, transaction);
        if (completion.Acknowledged.Count > 0)
        {
            batch.BatchCommands.Add(Command(
                "DELETE FROM typedfga_outbox_operations WHERE seq = ANY($1) AND lease_owner = $2", completion.Acknowledged.ToArray(), owner));
        }

        foreach (var (sequence, error, nextAttemptAt) in completion.Rescheduled)
        {
            batch.BatchCommands.Add(Command(
                "UPDATE typedfga_outbox_operations SET lease_owner = NULL, last_error = $3, next_attempt_at = $4 WHERE seq = $1 AND lease_owner = $2",
                sequence, owner, error, nextAttemptAt));
        }

        if (completion.Released.Count > 0)
        {
            batch.BatchCommands.Add(Command(
                "UPDATE typedfga_outbox_operations SET lease_owner = NULL, next_attempt_at = now(), attempts = GREATEST(attempts - 1, 0) " +
                "WHERE seq = ANY($1) AND lease_owner = $2",
                completion.Released.ToArray(), owner));
        }

        foreach (var (sequence, reason, code, message) in completion.DeadLettered)
        {
            batch.BatchCommands.Add(Command(
                "WITH moved AS (DELETE FROM typedfga_outbox_operations WHERE seq = $1 AND lease_owner = $2 RETURNING *) " +
                "INSERT INTO typedfga_outbox_dead_letters (seq, tuple_hash, connection_name, store_id, model_id, kind, subject, relation, object, " +
                "condition_name, condition_context, enqueued_at, attempts, dead_lettered_at, reason, error_code, error_message) " +
                "SELECT m.seq, m.tuple_hash, m.connection_name, m.store_id, m.model_id, m.kind, m.subject, m.relation, m.object, m.condition_name, " +
                "m.condition_context, m.enqueued_at, m.attempts, now(), $3, $4, $5 FROM moved m " +
                // Already superseded by a newer operation on the tuple: nothing to keep.
                $"WHERE NOT EXISTS (SELECT 1 FROM typedfga_outbox_operations n WHERE n.seq > m.seq AND {SameTuple("n", "m")})",
                sequence, owner, (short)reason, Nullable(code), Nullable(message)));
        }

        if (completion.DeadLettered.Count > 0)
        {
            // A dead-lettered grant stops counting as pending on every node: announced on commit.
            batch.BatchCommands.Add(Command("SELECT pg_notify($1, $2)", PostgreSqlOutboxNotification.Channel, PostgreSqlOutboxNotification.PendingChanged));
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
        AddToPendingEstimate(-(completion.Acknowledged.Count + completion.DeadLettered.Count + superseded.Rescheduled + superseded.Released));
        OnPendingChangedOutsideWrites(completion.DeadLettered.Count);
        return superseded;
    }

    // An operation that failed or was not attempted while a newer one on its tuple waited behind it goes, rather than
    // coming back later and being sent after the newer one.
    private static async Task<SupersededOnCompletion> DropSupersededAsync(
        NpgsqlConnection database, NpgsqlTransaction transaction, string owner, OutboxCompletion completion)
    {
        if (completion.Rescheduled.Count + completion.Released.Count == 0)
        {
            return default;
        }

        var candidates = completion.Rescheduled.Select(r => r.Sequence).Concat(completion.Released).ToArray();
        await using var command = Statement(
            database,
            "DELETE FROM typedfga_outbox_operations o WHERE o.seq = ANY($1) AND o.lease_owner = $2 " +
            $"AND EXISTS (SELECT 1 FROM typedfga_outbox_operations n WHERE n.seq > o.seq AND {SameTuple("n", "o")}) RETURNING o.seq",
            candidates,
            owner);
        command.Transaction = transaction;
        var dropped = new HashSet<long>();
        await using (var reader = await command.ExecuteReaderAsync().ConfigureAwait(false))
        {
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                dropped.Add(reader.GetInt64(0));
            }
        }

        var rescheduled = completion.Rescheduled.Count(r => dropped.Contains(r.Sequence));
        return new SupersededOnCompletion(rescheduled, dropped.Count - rescheduled);
    }

    private static string SameTuple(string a, string b) =>
        $"{a}.tuple_hash = {b}.tuple_hash AND {a}.store_id = {b}.store_id AND {a}.subject = {b}.subject AND {a}.relation = {b}.relation AND {a}.object = {b}.object";

    private static string Qualified(string alias, string columns) =>
        string.Join(", ", columns.Split(", ").Select(column => alias + "." + column));

    private static ClaimedOperation ReadClaimed(NpgsqlDataReader reader)
    {
        var conditionName = reader.IsDBNull(10) ? null : reader.GetString(10);
        var tuple = new TupleKey(
            reader.GetString(7),
            reader.GetString(8),
            reader.GetString(9),
            conditionName is null ? null : new RelationshipCondition(conditionName, ConditionContextJson.Deserialize(reader.IsDBNull(11) ? null : reader.GetString(11))));
        var connection = new FgaConnection(reader.GetString(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6));
        return new ClaimedOperation(reader.GetInt64(0), (OutboxOperationKind)reader.GetInt16(2), tuple, connection, reader.GetInt32(3), reader.GetInt64(1));
    }
}
