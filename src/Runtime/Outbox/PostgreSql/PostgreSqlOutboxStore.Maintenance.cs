using Npgsql;
using NpgsqlTypes;
using TypedFga.Backends;

namespace TypedFga.Outbox.PostgreSql;

// Operating the shared outbox: what is pending, dead letters, clearing. Every node sees and acts on all of it.
internal sealed partial class PostgreSqlOutboxStore
{
    /// <summary>Up to <paramref name="limit"/> pending operations of every node, oldest first.</summary>
    public async Task<IReadOnlyList<PendingOperation>> GetPendingOperationsAsync(int limit = 10_000, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var database = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
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
    public async Task<int> ClearAsync(CancellationToken cancellationToken = default)
    {
        await using var database = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "DELETE FROM typedfga_outbox_operations WHERE lease_owner IS NULL OR next_attempt_at <= now()", database);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Up to <paramref name="limit"/> dead letters, oldest first.</summary>
    public async Task<IReadOnlyList<DeadLetter>> GetDeadLettersAsync(int limit = 10_000, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var database = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
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
    public async Task<int> RetryDeadLettersAsync(IReadOnlyCollection<long>? sequences = null, CancellationToken cancellationToken = default)
    {
        var letters = await GetDeadLettersAsync(int.MaxValue, cancellationToken).ConfigureAwait(false);
        var retried = 0;
        foreach (var letter in letters.Where(l => sequences is null || sequences.Contains(l.Sequence)))
        {
            // Appending removes the dead letter of its tuple in the same transaction.
            await EnqueueAsync(letter.Connection, letter.Kind, letter.Tuple, cancellationToken).ConfigureAwait(false);
            retried++;
        }

        return retried;
    }

    /// <summary>Deletes dead letters for good (all when <paramref name="sequences"/> is null); returns how many went.</summary>
    public async Task<int> PurgeDeadLettersAsync(IReadOnlyCollection<long>? sequences = null, CancellationToken cancellationToken = default)
    {
        await using var database = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "DELETE FROM typedfga_outbox_dead_letters WHERE $1::bigint[] IS NULL OR seq = ANY($1)", database);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)sequences?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
