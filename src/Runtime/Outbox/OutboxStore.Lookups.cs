using Dapper;
using TypedFga.Backends;

namespace TypedFga.Outbox;

public sealed partial class OutboxStore
{
    /// <summary>True when an operation on this tuple of this store waits in the outbox (in flight included).</summary>
    public async Task<bool> HasPendingAsync(FgaConnection connection, TupleKey tuple, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(tuple);
        await using var sqlite = OpenReadConnection();
        return await sqlite.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            SELECT EXISTS (SELECT 1 FROM outbox_operations
                           WHERE tuple_hash = @hash AND store_id = @store AND object = @object
                             AND relation = @relation AND subject = @subject)
            """,
            new
            {
                hash = TupleHash.Compute(connection.StoreId, tuple.Object, tuple.Relation, tuple.User),
                store = connection.StoreId,
                @object = tuple.Object,
                relation = tuple.Relation,
                subject = tuple.User,
            },
            cancellationToken: cancellationToken)).ConfigureAwait(false) != 0;
    }

    /// <summary>
    /// The pending operations bound for <paramref name="storeId"/>, oldest first, at most <paramref name="limit"/>:
    /// what a check must take into account to read its own writes.
    /// </summary>
    public async Task<IReadOnlyList<PendingOperation>> GetPendingForStoreAsync(string storeId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(storeId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var sqlite = OpenReadConnection();
        var rows = await sqlite.QueryAsync<OperationRow>(new CommandDefinition(
            $"SELECT {OperationRow.Columns} FROM outbox_operations WHERE store_id = @storeId ORDER BY seq LIMIT @limit",
            new { storeId, limit },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var now = OutboxClock.Now(_timeProvider);
        return rows.Select(row => row.ToPendingOperation(now)).ToList();
    }
}
