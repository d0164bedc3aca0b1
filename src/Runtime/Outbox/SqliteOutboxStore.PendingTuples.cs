using Dapper;
using Microsoft.Data.Sqlite;

namespace TypedFga.Outbox;

public sealed partial class SqliteOutboxStore
{
    /// <summary>
    /// Rebuilds the in-memory index of pending tuples from the file: after a flush has sent operations, so that the
    /// index forgets them and learns what other processes sharing the file have queued.
    /// </summary>
    internal override Task RefreshAfterFlushAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = OpenReadConnection();
        RebuildPendingTuples(connection);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The pending operations on <paramref name="tuples"/> of <paramref name="storeId"/> as a check with the snapshot
    /// bound <paramref name="upToSequence"/> must see them, oldest first, found through the tuple-hash index: per tuple
    /// those up to the bound, or, when a later operation has replaced them (the last operation on a tuple wins, so an
    /// acknowledged grant may be gone in favour of one queued after the check began), the first of the later ones.
    /// </summary>
    internal override async Task<IReadOnlyList<PendingOperation>> GetPendingForTuplesAsync(
        string storeId, IReadOnlyCollection<(string Object, string Relation, string User)> tuples, long upToSequence, CancellationToken cancellationToken)
    {
        if (tuples.Count == 0)
        {
            return [];
        }

        var hashes = tuples.Select(t => TupleHash.Compute(storeId, t.Object, t.Relation, t.User)).Distinct().ToList();
        await using var sqlite = OpenReadConnection();
        var rows = await sqlite.QueryAsync<OperationRow>(new CommandDefinition(
            $"SELECT {OperationRow.Columns} FROM outbox_operations WHERE tuple_hash IN (SELECT value FROM json_each(@hashes)) ORDER BY seq",
            new { hashes = "[" + string.Join(',', hashes) + "]" },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var wanted = tuples.ToHashSet();
        var now = OutboxClock.Now(_timeProvider);
        var seen = new List<PendingOperation>();
        // The hash narrows the search; the identity decides (two tuples may share a hash).
        foreach (var tuple in rows.Where(row => row.StoreId == storeId && wanted.Contains((row.Object, row.Relation, row.Subject))).GroupBy(row => (row.Object, row.Relation, row.Subject)))
        {
            var within = tuple.Where(row => row.Sequence <= upToSequence).ToList();
            seen.AddRange((within.Count > 0 ? within : tuple.Take(1)).Select(row => row.ToPendingOperation(now)));
        }

        return seen.OrderBy(op => op.Sequence).ToList();
    }

    private void RebuildPendingTuples(SqliteConnection connection)
    {
        // One rebuild at a time: flushes that end together would otherwise replace each other's index, and an
        // operation committed between the two could be kept by neither.
        lock (_rebuildGate)
        {
            RebuildPendingTuplesAlone(connection);
        }
    }

    private void RebuildPendingTuplesAlone(SqliteConnection connection)
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
