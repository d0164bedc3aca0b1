using Npgsql;
using TypedFga.Backends;
using static TypedFga.Outbox.PostgreSql.PostgreSqlCommands;

namespace TypedFga.Outbox.PostgreSql;

public sealed partial class PostgreSqlOutboxStore
{
    /// <summary>What every node has pending, by kind.</summary>
    public override async Task<PendingCount> GetPendingCountAsync(CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await CountPendingAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when an operation of any node on this tuple of this store waits in the outbox (in flight included).</summary>
    public override async Task<bool> HasPendingAsync(FgaConnection connection, TupleKey tuple, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(tuple);
        await using var database = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Statement(
            database,
            "SELECT EXISTS (SELECT 1 FROM typedfga_outbox_operations WHERE tuple_hash = $1 AND store_id = $2 AND object = $3 AND relation = $4 AND subject = $5)",
            TupleHash.Compute(connection.StoreId, tuple.Object, tuple.Relation, tuple.User),
            connection.StoreId,
            tuple.Object,
            tuple.Relation,
            tuple.User);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>
    /// Counts every node's pending operations by whether a flush could send them now: due, waiting out a retry backoff,
    /// or held by a flusher; with the next retry time and the latest error.
    /// </summary>
    public override async Task<OutboxBacklog> GetBacklogAsync(CancellationToken cancellationToken = default)
    {
        await using var database = await OpenAsync(cancellationToken).ConfigureAwait(false);
        // While an operation is leased, next_attempt_at holds the end of the lease (see ClaimAsync).
        await using var command = Statement(
            database,
            "SELECT count(*) FILTER (WHERE next_attempt_at <= now()), " +
            "count(*) FILTER (WHERE next_attempt_at > now() AND lease_owner IS NULL), " +
            "count(*) FILTER (WHERE next_attempt_at > now() AND lease_owner IS NOT NULL), " +
            "min(next_attempt_at) FILTER (WHERE next_attempt_at > now() AND lease_owner IS NULL), " +
            "(SELECT last_error FROM typedfga_outbox_operations WHERE last_error IS NOT NULL ORDER BY next_attempt_at DESC, seq DESC LIMIT 1) " +
            "FROM typedfga_outbox_operations");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new OutboxBacklog(
            reader.GetInt64(0),
            reader.GetInt64(1),
            reader.GetInt64(2),
            reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3),
            reader.IsDBNull(4) ? null : reader.GetString(4));
    }

    private async Task<PendingCount> CountPendingAsync(CancellationToken cancellationToken)
    {
        await using var database = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Statement(
            database,
            "SELECT count(*) FILTER (WHERE kind = $1), count(*) FILTER (WHERE kind = $2) FROM typedfga_outbox_operations",
            (short)OutboxOperationKind.Grant,
            (short)OutboxOperationKind.Revoke);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new PendingCount(reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>The highest sequence number committed so far, by any node; 0 when none was.</summary>
    internal override async Task<long> GetHighestSequenceAsync(CancellationToken cancellationToken)
    {
        await using var database = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "SELECT GREATEST(COALESCE((SELECT max(seq) FROM typedfga_outbox_operations), 0), COALESCE((SELECT max(seq) FROM typedfga_outbox_dead_letters), 0))",
            database);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>
    /// The pending operations of every node bound for <paramref name="storeId"/> on the given relations (all when null),
    /// oldest first, with the highest sequence number committed when they were read: what a check on any node reads to
    /// see the writes acknowledged anywhere before it began. Past <paramref name="limit"/> the snapshot is not complete.
    /// </summary>
    public override async Task<PendingSnapshot> GetPendingSnapshotAsync(
        string storeId, IReadOnlyCollection<string>? relations, long? upToSequence, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(storeId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var database = await OpenAsync(cancellationToken).ConfigureAwait(false);
        // One statement, so the rows and the bound come from one snapshot of the database.
        await using var command = new NpgsqlCommand(
            $"SELECT (SELECT COALESCE(max(seq), 0) FROM typedfga_outbox_operations), {PendingColumns} " +
            "FROM typedfga_outbox_operations WHERE store_id = $1 AND seq <= $2 AND ($3::text[] IS NULL OR relation = ANY($3)) " +
            "ORDER BY seq LIMIT $4",
            database);
        command.Parameters.Add(new NpgsqlParameter { Value = storeId });
        command.Parameters.Add(new NpgsqlParameter { Value = upToSequence ?? long.MaxValue });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)relations?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = limit + 1 });

        var operations = new List<PendingOperation>();
        long committed = 0;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                committed = reader.GetInt64(0);
                operations.Add(ReadPending(reader, offset: 1));
            }
        }

        if (operations.Count == 0)
        {
            committed = await GetHighestSequenceAsync(cancellationToken).ConfigureAwait(false);
        }

        var complete = operations.Count <= limit;
        return new PendingSnapshot(upToSequence is { } bound ? Math.Min(bound, committed) : committed, complete ? operations : operations.Take(limit).ToList(), complete);
    }

    /// <summary>
    /// The pending operations of every node on <paramref name="tuples"/> of <paramref name="storeId"/> as a check with
    /// the snapshot bound <paramref name="upToSequence"/> must see them, oldest first: per tuple those up to the bound,
    /// or, when a later operation replaced them, the first of the later ones.
    /// </summary>
    internal override async Task<IReadOnlyList<PendingOperation>> GetPendingForTuplesAsync(
        string storeId, IReadOnlyCollection<(string Object, string Relation, string User)> tuples, long upToSequence, CancellationToken cancellationToken)
    {
        if (tuples.Count == 0)
        {
            return [];
        }

        var hashes = tuples.Select(t => TupleHash.Compute(storeId, t.Object, t.Relation, t.User)).Distinct().ToArray();
        await using var database = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"SELECT {PendingColumns} FROM typedfga_outbox_operations WHERE tuple_hash = ANY($1) AND store_id = $2 ORDER BY seq", database);
        command.Parameters.Add(new NpgsqlParameter { Value = hashes });
        command.Parameters.Add(new NpgsqlParameter { Value = storeId });
        var rows = new List<PendingOperation>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(ReadPending(reader, offset: 0));
            }
        }

        // The hash narrows the search; the identity decides (two tuples may share a hash).
        var wanted = tuples.ToHashSet();
        var seen = new List<PendingOperation>();
        foreach (var tuple in rows.Where(op => wanted.Contains((op.Tuple.Object, op.Tuple.Relation, op.Tuple.User))).GroupBy(op => (op.Tuple.Object, op.Tuple.Relation, op.Tuple.User)))
        {
            var within = tuple.Where(op => op.Sequence <= upToSequence).ToList();
            seen.AddRange(within.Count > 0 ? within : tuple.Take(1));
        }

        return seen.OrderBy(op => op.Sequence).ToList();
    }

    private const string PendingColumns =
        "seq, kind, subject, relation, object, condition_name, condition_context, enqueued_at, attempts, next_attempt_at, last_error, " +
        "lease_owner IS NOT NULL AND next_attempt_at > now(), connection_name, store_id, model_id";

    private static PendingOperation ReadPending(NpgsqlDataReader reader, int offset)
    {
        var conditionName = reader.IsDBNull(offset + 5) ? null : reader.GetString(offset + 5);
        var tuple = new TupleKey(
            reader.GetString(offset + 2),
            reader.GetString(offset + 3),
            reader.GetString(offset + 4),
            conditionName is null ? null : new RelationshipCondition(conditionName, ConditionContextJson.Deserialize(reader.IsDBNull(offset + 6) ? null : reader.GetString(offset + 6))));
        return new PendingOperation(
            reader.GetInt64(offset),
            (OutboxOperationKind)reader.GetInt16(offset + 1),
            tuple,
            new FgaConnection(reader.GetString(offset + 12), reader.GetString(offset + 13), reader.IsDBNull(offset + 14) ? null : reader.GetString(offset + 14)),
            reader.GetFieldValue<DateTimeOffset>(offset + 7),
            reader.GetInt32(offset + 8),
            reader.GetFieldValue<DateTimeOffset>(offset + 9),
            reader.IsDBNull(offset + 10) ? null : reader.GetString(offset + 10),
            reader.GetBoolean(offset + 11));
    }
}
