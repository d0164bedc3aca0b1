using Dapper;
using Microsoft.Data.Sqlite;

namespace TypedFga.Outbox;

public sealed partial class OutboxStore
{
    /// <summary>
    /// Rebuilds the in-memory index of pending tuples from the file: after a flush has sent operations, so that the
    /// index forgets them and learns what other processes sharing the file have queued.
    /// </summary>
    internal Task RefreshPendingTuplesAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = OpenReadConnection();
        RebuildPendingTuples(connection);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The pending operations on <paramref name="tuples"/> of <paramref name="storeId"/> with sequence numbers up to
    /// <paramref name="upToSequence"/>, oldest first, found through the tuple-hash index.
    /// </summary>
    internal async Task<IReadOnlyList<PendingOperation>> GetPendingForTuplesAsync(
        string storeId, IReadOnlyCollection<(string Object, string Relation, string User)> tuples, long upToSequence, CancellationToken cancellationToken)
    {
        if (tuples.Count == 0)
        {
            return [];
        }

        var hashes = tuples.Select(t => TupleHash.Compute(storeId, t.Object, t.Relation, t.User)).Distinct().ToList();
        await using var sqlite = OpenReadConnection();
        var rows = await sqlite.QueryAsync<OperationRow>(new CommandDefinition(
            $"SELECT {OperationRow.Columns} FROM outbox_operations WHERE tuple_hash IN (SELECT value FROM json_each(@hashes)) AND seq <= @upTo ORDER BY seq",
            new { hashes = "[" + string.Join(',', hashes) + "]", upTo = upToSequence },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var wanted = tuples.ToHashSet();
        var now = OutboxClock.Now(_timeProvider);
        // The hash narrows the search; the identity decides (two tuples may share a hash).
        return rows
            .Where(row => row.StoreId == storeId && wanted.Contains((row.Object, row.Relation, row.Subject)))
            .Select(row => row.ToPendingOperation(now))
            .ToList();
    }

    private void RebuildPendingTuples(SqliteConnection connection)
    {
        // Begun before the scan's read transaction, so that nothing committed meanwhile is missed.
        PendingTuples.BeginRebuild();
        try
        {
            using var transaction = connection.BeginTransaction(deferred: true);
            var committed = connection.ExecuteScalar<long?>(
                "SELECT seq FROM sqlite_sequence WHERE name = 'outbox_operations'", transaction: transaction) ?? 0;
            var rows = connection.Query<(string StoreId, string Object, string Relation, string Subject, long Seq)>(
                "SELECT store_id, object, relation, subject, seq FROM outbox_operations LIMIT @limit",
                new { limit = PendingTupleIndex.MaxTuples + 1 },
                transaction).AsList();
            transaction.Commit();
            PendingTuples.CompleteRebuild(
                rows.Count > PendingTupleIndex.MaxTuples ? null : rows.Select(r => new AppendedTuple(r.StoreId, r.Object, r.Relation, r.Subject, r.Seq)).ToList(),
                committed);
        }
        catch
        {
            PendingTuples.AbandonRebuild();
            throw;
        }
    }
}
