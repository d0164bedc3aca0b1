using Dapper;

namespace TypedFga.Outbox;

public sealed partial class SqliteOutboxStore
{
    /// <summary>
    /// Drops every pending operation without sending it, and returns how many were dropped. Operations a
    /// flusher is sending at this moment are left to finish.
    /// </summary>
    public override async Task<int> ClearAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = OutboxClock.Now(_timeProvider);
        var cleared = await WriteAsync(context =>
        {
            var count = context.Connection.Execute(
                "DELETE FROM outbox_operations WHERE lease_owner IS NULL OR next_attempt_at <= @now",
                new { now },
                context.Transaction);
            return (count, -(long)count);
        }).ConfigureAwait(false);
        OnPendingChangedOutsideWrites(cleared);
        OutboxLog.Cleared(_logger, cleared);
        return cleared;
    }

    /// <summary>
    /// Moves dead letters back to the pending operations, due at once with their attempts reset, and returns
    /// how many moved. A retried operation is appended like a new one: it replaces a pending operation on the
    /// same tuple.
    /// </summary>
    /// <param name="sequences">The dead letters to retry; all of them when null.</param>
    /// <param name="cancellationToken">Cancels before the retry is queued.</param>
    public override async Task<int> RetryDeadLettersAsync(IReadOnlyCollection<long>? sequences = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = OutboxClock.Now(_timeProvider);
        var filter = SequenceFilter(sequences);
        var moved = await WriteAsync(context =>
        {
            var rows = context.Connection.Query<DeadLetterRow>(
                $"SELECT {DeadLetterRow.Columns} FROM outbox_dead_letters {filter.Where} ORDER BY seq",
                filter.Parameters,
                context.Transaction).ToList();
            long delta = 0;
            foreach (var row in rows)
            {
                var tuple = new TupleKey(row.Subject, row.Relation, row.Object,
                    row.ConditionName is null ? null : new RelationshipCondition(row.ConditionName));
                var request = new AppendRequest(
                    new Backends.FgaConnection(row.ConnectionName, row.StoreId, row.ModelId),
                    (OutboxOperationKind)row.Kind,
                    tuple,
                    row.ConditionContext,
                    TupleHash.Compute(row.StoreId, row.Object, row.Relation, row.Subject),
                    now);
                // Appending removes the dead letter too (same tuple); the context is carried over as stored.
                delta += _appendStatements!.Append(context, request).PendingDelta;
            }

            return (rows.Count, delta);
        }).ConfigureAwait(false);
        OnPendingChangedOutsideWrites(moved);
        OutboxLog.DeadLettersRetried(_logger, moved);
        return moved;
    }

    /// <summary>Deletes dead letters for good and returns how many were deleted.</summary>
    /// <param name="sequences">The dead letters to purge; all of them when null.</param>
    /// <param name="cancellationToken">Cancels before the purge is queued.</param>
    public override async Task<int> PurgeDeadLettersAsync(IReadOnlyCollection<long>? sequences = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var filter = SequenceFilter(sequences);
        var purged = await WriteAsync(context =>
            (context.Connection.Execute($"DELETE FROM outbox_dead_letters {filter.Where}", filter.Parameters, context.Transaction), 0L))
            .ConfigureAwait(false);
        OutboxLog.DeadLettersPurged(_logger, purged);
        return purged;
    }

    /// <summary>
    /// Removes the given pending operations that no flusher holds, unsent (they were handed elsewhere, such as to a
    /// shared outbox); returns how many went.
    /// </summary>
    /// <param name="sequences">The operations' sequence numbers.</param>
    /// <param name="cancellationToken">Cancels before the removal is queued.</param>
    internal async Task<int> RemoveAsync(IReadOnlyCollection<long> sequences, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (sequences.Count == 0)
        {
            return 0;
        }

        var now = OutboxClock.Now(_timeProvider);
        return await WriteAsync(context =>
        {
            var count = context.Connection.Execute(
                "DELETE FROM outbox_operations WHERE seq IN (SELECT value FROM json_each(@sequences)) AND (lease_owner IS NULL OR next_attempt_at <= @now)",
                new { sequences = ToJsonArray(sequences), now },
                context.Transaction);
            return (count, -(long)count);
        }).ConfigureAwait(false);
    }

    private static (string Where, object? Parameters) SequenceFilter(IReadOnlyCollection<long>? sequences) =>
        sequences is null
            ? ("", null)
            : ("WHERE seq IN (SELECT value FROM json_each(@sequences))", new { sequences = ToJsonArray(sequences) });
}
