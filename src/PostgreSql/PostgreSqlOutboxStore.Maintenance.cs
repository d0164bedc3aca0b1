using Npgsql;
using NpgsqlTypes;
using TypedFga.Backends;
using static TypedFga.Outbox.PostgreSql.PostgreSqlCommands;

namespace TypedFga.Outbox.PostgreSql;

// Operating the shared outbox: what is pending, dead letters, clearing. Every node sees and acts on all of it.
public sealed partial class PostgreSqlOutboxStore
{
    /// <summary>Up to <paramref name="limit"/> pending operations of every node, oldest first.</summary>
    public override async Task<IReadOnlyList<PendingOperation>> GetPendingOperationsAsync(int limit = 10_000, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var database = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"SELECT {PendingColumns} FROM typedfga_outbox_operations ORDER BY seq LIMIT $1", database);
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var operations = new List<PendingOperation>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            operations.Add(ReadPending(reader, offset: 0));
        }

        return operations;
    }

    /// <summary>Drops every pending operation not being sent now; returns how many went.</summary>
    public override async Task<int> ClearAsync(CancellationToken cancellationToken = default)
    {
        await using var database = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "DELETE FROM typedfga_outbox_operations WHERE lease_owner IS NULL OR next_attempt_at <= now()", database, transaction);
        var cleared = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        if (cleared > 0)
        {
            // Delivered on commit: every node's cache forgets answers that counted on the dropped operations.
            await using var announce = PendingChangedAnnouncement(database);
            announce.Transaction = transaction;
            await announce.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        AddToPendingEstimate(-cleared);
        OnPendingChangedOutsideWrites(cleared);
        OutboxLog.Cleared(_logger, cleared);
        return cleared;
    }

    /// <summary>Up to <paramref name="limit"/> dead letters, oldest first.</summary>
    public override async Task<IReadOnlyList<DeadLetter>> GetDeadLettersAsync(int limit = 10_000, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var database = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "SELECT seq, kind, subject, relation, object, condition_name, condition_context, connection_name, store_id, model_id, " +
            "enqueued_at, attempts, dead_lettered_at, reason, error_code, error_message FROM typedfga_outbox_dead_letters ORDER BY seq LIMIT $1",
            database);
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var letters = new List<DeadLetter>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var conditionName = reader.IsDBNull(5) ? null : reader.GetString(5);
            letters.Add(new DeadLetter(
                reader.GetInt64(0),
                (OutboxOperationKind)reader.GetInt16(1),
                new TupleKey(
                    reader.GetString(2),
                    reader.GetString(3),
                    reader.GetString(4),
                    conditionName is null ? null : new RelationshipCondition(conditionName, ConditionContextJson.Deserialize(reader.IsDBNull(6) ? null : reader.GetString(6)))),
                new FgaConnection(reader.GetString(7), reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetString(9)),
                reader.GetFieldValue<DateTimeOffset>(10),
                reader.GetInt32(11),
                reader.GetFieldValue<DateTimeOffset>(12),
                (DeadLetterReason)reader.GetInt16(13),
                reader.IsDBNull(14) ? null : reader.GetString(14),
                reader.IsDBNull(15) ? null : reader.GetString(15)));
        }

        return letters;
    }

    /// <summary>
    /// Queues dead letters again (all when <paramref name="sequences"/> is null), in their original order, each as a new
    /// operation at the end of the global order; returns how many were queued.
    /// </summary>
    public override async Task<int> RetryDeadLettersAsync(IReadOnlyCollection<long>? sequences = null, CancellationToken cancellationToken = default)
    {
        var letters = await GetDeadLettersAsync(int.MaxValue, cancellationToken).ConfigureAwait(false);
        var retried = 0;
        foreach (var letter in letters.Where(l => sequences is null || sequences.Contains(l.Sequence)))
        {
            // Appending removes the dead letter of its tuple in the same transaction.
            await EnqueueAsync(letter.Connection, letter.Kind, letter.Tuple, cancellationToken).ConfigureAwait(false);
            retried++;
        }

        // Each retried operation was announced to every node as an append of its tuple.
        OnPendingChangedOutsideWrites(retried);
        OutboxLog.DeadLettersRetried(_logger, retried);
        return retried;
    }

    /// <summary>Deletes dead letters for good (all when <paramref name="sequences"/> is null); returns how many went.</summary>
    public override async Task<int> PurgeDeadLettersAsync(IReadOnlyCollection<long>? sequences = null, CancellationToken cancellationToken = default)
    {
        await using var database = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "DELETE FROM typedfga_outbox_dead_letters WHERE $1::bigint[] IS NULL OR seq = ANY($1)", database);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)sequences?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        var purged = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        OutboxLog.DeadLettersPurged(_logger, purged);
        return purged;
    }
    /// <summary>Counts the dead letters of every node.</summary>
    public override async Task<long> GetDeadLetterCountAsync(CancellationToken cancellationToken = default)
    {
        await using var database = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Statement(database, "SELECT count(*) FROM typedfga_outbox_dead_letters");
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    internal override async Task<IReadOnlyList<string>> GetLeaseOwnersAsync(string prefix, CancellationToken cancellationToken)
    {
        await using var database = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Statement(
            database,
            "SELECT DISTINCT lease_owner FROM typedfga_outbox_operations WHERE lease_owner IS NOT NULL AND next_attempt_at > now() AND starts_with(lease_owner, $1)",
            prefix);
        var owners = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            owners.Add(reader.GetString(0));
        }

        return owners;
    }

    internal override async Task<IReadOnlyList<(string Owner, int Released)>> ReleaseLeasesAsync(IReadOnlyList<string> owners)
    {
        ArgumentNullException.ThrowIfNull(owners);
        await using var database = await OpenAsync(CancellationToken.None).ConfigureAwait(false);
        await using var transaction = await database.BeginTransactionAsync().ConfigureAwait(false);
        var released = new List<(string, int)>(owners.Count);
        foreach (var owner in owners)
        {
            // Due at once; the claim's rule (the oldest operation of a tuple first) keeps the order per tuple.
            await using var command = Statement(
                database,
                "UPDATE typedfga_outbox_operations SET lease_owner = NULL, next_attempt_at = now(), attempts = GREATEST(attempts - 1, 0) " +
                "WHERE lease_owner = $1 AND next_attempt_at > now()",
                owner);
            command.Transaction = transaction;
            released.Add((owner, await command.ExecuteNonQueryAsync().ConfigureAwait(false)));
        }

        await transaction.CommitAsync().ConfigureAwait(false);
        return released;
    }

    internal override async Task<bool> TryClaimScheduledRunAsync(string schedule, DateTimeOffset fireTime, string node, CancellationToken cancellationToken)
    {
        await using var database = await OpenAsync(cancellationToken).ConfigureAwait(false);
        // Every node computes the same fire time from the same cron expression, so the key is the same on each; runs
        // older than a week go as the next ones are claimed.
        await using var command = Statement(
            database,
            "WITH expired AS (DELETE FROM typedfga_outbox_schedule_runs WHERE fire_time < now() - interval '7 days') " +
            "INSERT INTO typedfga_outbox_schedule_runs (schedule, fire_time, node) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            schedule,
            fireTime,
            node);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }
}
