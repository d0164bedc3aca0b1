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
internal sealed partial class PostgreSqlOutboxStore : IAsyncDisposable
{
    private const string OperationColumns =
        "seq, tuple_hash, kind, attempts, connection_name, store_id, model_id, subject, relation, object, condition_name, condition_context";

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgreSqlAppendBatcher _appends;

    public PostgreSqlOutboxStore(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
        _appends = new PostgreSqlAppendBatcher(dataSource);
    }

    /// <summary>Lets the appends already queued commit, then stops taking new ones.</summary>
    public ValueTask DisposeAsync() => _appends.DisposeAsync();

    /// <summary>Creates or migrates the tables; every node calls it at start.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken = default) => PostgreSqlOutboxSchema.MigrateAsync(_dataSource, cancellationToken);

    /// <summary>
    /// Appends an operation and returns its sequence number once it is committed; appends made meanwhile by other
    /// callers share its transaction (group commit).
    /// </summary>
    public async Task<long> EnqueueAsync(FgaConnection connection, OutboxOperationKind kind, TupleKey tuple, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(tuple);
        TupleValidator.Validate(tuple);
        var context = ConditionContextJson.Serialize(tuple.Condition?.Context, nameof(tuple));
        var hash = TupleHash.Compute(connection.StoreId, tuple.Object, tuple.Relation, tuple.User);

        cancellationToken.ThrowIfCancellationRequested();
        // Once queued the append is not withdrawn: it commits with the others of its transaction, or fails with them.
        return await _appends.AppendAsync(connection, kind, tuple, context, hash).ConfigureAwait(false);
    }

    /// <summary>
    /// Leases up to <paramref name="limit"/> due operations to <paramref name="owner"/> for <paramref name="leaseDuration"/>
    /// and returns them in sequence order. Rows another flusher is claiming at the same moment are skipped, not waited
    /// for; at most one operation per tuple is claimed, the oldest, and only when no older one waits.
    /// </summary>
    public async Task<IReadOnlyList<ClaimedOperation>> ClaimAsync(string owner, int limit, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var database = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "WITH picked AS (" +
            "SELECT o.seq FROM typedfga_outbox_operations o " +
            "WHERE o.next_attempt_at <= now() " +
            // The oldest operation of its tuple only: an older one (waiting, or in flight elsewhere) goes first.
            "AND NOT EXISTS (SELECT 1 FROM typedfga_outbox_operations y WHERE y.tuple_hash = o.tuple_hash AND y.seq < o.seq) " +
            "ORDER BY o.next_attempt_at, o.seq LIMIT $1 FOR UPDATE SKIP LOCKED) " +
            "UPDATE typedfga_outbox_operations t SET lease_owner = $2, next_attempt_at = now() + $3, attempts = t.attempts + 1 " +
            $"FROM picked WHERE t.seq = picked.seq RETURNING {Qualified("t", OperationColumns)}",
            database);
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        command.Parameters.Add(new NpgsqlParameter { Value = owner });
        command.Parameters.Add(new NpgsqlParameter { Value = leaseDuration, NpgsqlDbType = NpgsqlDbType.Interval });

        var claimed = new List<ClaimedOperation>(limit);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
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
    /// dead-lettered ones move to the dead letters. Rows whose lease another flusher has taken over are left alone.
    /// </summary>
    public async Task CompleteAsync(string owner, OutboxCompletion completion, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentNullException.ThrowIfNull(completion);
        if (completion.IsEmpty)
        {
            return;
        }

        await using var database = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
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
                "SELECT seq, tuple_hash, connection_name, store_id, model_id, kind, subject, relation, object, condition_name, condition_context, " +
                "enqueued_at, attempts, now(), $3, $4, $5 FROM moved",
                sequence, owner, (short)reason, Nullable(code), Nullable(message)));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

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
