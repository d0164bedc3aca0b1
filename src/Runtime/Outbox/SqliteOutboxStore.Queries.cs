using Dapper;

namespace TypedFga.Outbox;

public sealed partial class SqliteOutboxStore
{
    /// <summary>Counts the pending operations (in flight included), read from the file.</summary>
    public override async Task<PendingCount> GetPendingCountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = OpenReadConnection();
        var rows = await connection.QueryAsync<(long Kind, long Count)>(new CommandDefinition(
            "SELECT kind, COUNT(*) FROM outbox_operations GROUP BY kind", cancellationToken: cancellationToken)).ConfigureAwait(false);
        long writes = 0, deletes = 0;
        foreach (var (kind, count) in rows)
        {
            if (kind == (long)OutboxOperationKind.Grant)
            {
                writes = count;
            }
            else
            {
                deletes = count;
            }
        }

        return new PendingCount(writes, deletes);
    }

    /// <summary>Lists pending operations in the order they were enqueued (in flight included).</summary>
    /// <param name="limit">The most operations to return, oldest first.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public override async Task<IReadOnlyList<PendingOperation>> GetPendingOperationsAsync(int limit = 10_000, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = OpenReadConnection();
        var rows = await connection.QueryAsync<OperationRow>(new CommandDefinition(
            $"SELECT {OperationRow.Columns} FROM outbox_operations ORDER BY seq LIMIT @limit",
            new { limit },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var now = OutboxClock.Now(_timeProvider);
        return rows.Select(row => row.ToPendingOperation(now)).ToList();
    }

    /// <summary>Lists dead letters, oldest operation first.</summary>
    /// <param name="limit">The most dead letters to return.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public override async Task<IReadOnlyList<DeadLetter>> GetDeadLettersAsync(int limit = 10_000, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = OpenReadConnection();
        var rows = await connection.QueryAsync<DeadLetterRow>(new CommandDefinition(
            $"SELECT {DeadLetterRow.Columns} FROM outbox_dead_letters ORDER BY seq LIMIT @limit",
            new { limit },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(row => row.ToDeadLetter()).ToList();
    }

    /// <summary>Counts the dead letters.</summary>
    public override async Task<long> GetDeadLetterCountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = OpenReadConnection();
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM outbox_dead_letters", cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
