using Microsoft.Extensions.Logging;
using TypedFga.Backends;
using TypedFga.Outbox;

namespace TypedFga.Flushing;

/// <summary>
/// Sends one chunk and decides the fate of each of its operations: written, rescheduled, or dead-lettered.
/// A chunk the server refuses for its input is split in halves until the offending tuples are found, so one
/// bad tuple never holds back the others.
/// </summary>
internal sealed class ChunkSender(
    IFgaBackend backend,
    WriteBehindOptions options,
    TimeProvider timeProvider,
    ILogger logger)
{
    // The known 409 race between concurrent first inserts of one tuple resolves on an immediate retry.
    private const int ImmediateConflictRetries = 2;

    /// <summary>Processes <paramref name="chunk"/>, recording outcomes in <paramref name="completion"/>.</summary>
    /// <param name="chunk">The operations, all for one connection, one per tuple.</param>
    /// <param name="lastRequestStart">No request starts after this timestamp (the lease would run out before it ends).</param>
    /// <param name="completion">Receives each operation's outcome.</param>
    /// <param name="tally">Receives the counts.</param>
    /// <param name="cancellationToken">Stops the flush; unsent operations are released.</param>
    public async Task SendAsync(FlushChunk chunk, long lastRequestStart, OutboxCompletion completion, FlushTally tally, CancellationToken cancellationToken)
    {
        var work = new Stack<Batch>();
        work.Push(new Batch(chunk.Operations, Replace: false));
        while (work.Count > 0)
        {
            var (operations, replace) = work.Pop();
            if (operations.Count == 0)
            {
                continue;
            }

            if (cancellationToken.IsCancellationRequested || timeProvider.GetTimestamp() > lastRequestStart)
            {
                completion.Released.AddRange(operations.Select(o => o.Sequence));
                continue;
            }

            var failure = replace
                ? await ReplaceAsync(chunk.Connection, operations[0], cancellationToken).ConfigureAwait(false)
                : await SendWithConflictRetriesAsync(chunk.Connection, operations, cancellationToken).ConfigureAwait(false);
            if (failure is null)
            {
                MarkSent(operations, completion, tally);
                continue;
            }

            switch (failure.Value.Kind)
            {
                case WriteFailureKind.AlreadyApplied when operations.Count == 1:
                    MarkSent(operations, completion, tally);
                    break;
                case WriteFailureKind.AlreadyApplied when FindNamed(operations, failure.Value) is { } named:
                    // The server names the tuple it stumbled on: count it as done and send the rest again.
                    MarkSent([named], completion, tally);
                    work.Push(new Batch(operations.Where(o => o != named).ToList(), Replace: false));
                    break;
                case WriteFailureKind.ConditionChanged when replace:
                    // Another writer changed the tuple between the delete and the write: try again later.
                    Reschedule(operations, failure.Value with { Kind = WriteFailureKind.Conflict }, completion, tally);
                    break;
                case WriteFailureKind.ConditionChanged when IsolatedGrant(operations, failure.Value) is { } grant:
                    work.Push(new Batch(operations.Where(o => o != grant).ToList(), Replace: false));
                    work.Push(new Batch([grant], Replace: true));
                    break;
                case WriteFailureKind.AlreadyApplied or WriteFailureKind.BadInput or WriteFailureKind.ConditionChanged when operations.Count > 1:
                    var half = operations.Count / 2;
                    work.Push(new Batch(operations.Skip(half).ToList(), Replace: false));
                    work.Push(new Batch(operations.Take(half).ToList(), Replace: false));
                    break;
                case WriteFailureKind.BadInput or WriteFailureKind.AlreadyApplied or WriteFailureKind.ConditionChanged:
                    var rejected = operations[0];
                    FlushLog.Rejected(logger, rejected.Tuple.ToString(), failure.Value.Code ?? "", failure.Value.Message);
                    completion.DeadLettered.Add((rejected.Sequence, DeadLetterReason.Rejected, failure.Value.Code, failure.Value.Message));
                    tally.AddDeadLettered(1);
                    break;
                case WriteFailureKind.Unavailable when cancellationToken.IsCancellationRequested:
                case WriteFailureKind.Transient when cancellationToken.IsCancellationRequested:
                    completion.Released.AddRange(operations.Select(o => o.Sequence));
                    break;
                default:
                    Reschedule(operations, failure.Value, completion, tally);
                    break;
            }
        }
    }

    // The grant a "different condition" answer is about: the one the server named, or the only operation left.
    private static ClaimedOperation? IsolatedGrant(IReadOnlyList<ClaimedOperation> operations, WriteFailure failure)
    {
        var candidate = operations.Count == 1 ? operations[0] : FindNamed(operations, failure);
        return candidate is { Kind: OutboxOperationKind.Grant } ? candidate : null;
    }

    /// <summary>
    /// Applies a grant whose tuple is stored with another condition: OpenFGA refuses the same tuple in the writes
    /// and deletes of one request, so the old tuple is deleted first and the new one written next. Between the
    /// two, checks deny: the change fails closed.
    /// </summary>
    private async Task<WriteFailure?> ReplaceAsync(FgaConnection connection, ClaimedOperation grant, CancellationToken cancellationToken)
    {
        var deleted = await SendOnceAsync(connection, [], [grant.Tuple], cancellationToken).ConfigureAwait(false);
        if (deleted is not null)
        {
            return deleted;
        }

        FlushLog.ConditionReplaced(logger, grant.Tuple.ToString(), grant.Tuple.Condition?.Name ?? "(none)");
        return await SendWithConflictRetriesAsync(connection, [grant], cancellationToken).ConfigureAwait(false);
    }

    private async Task<WriteFailure?> SendWithConflictRetriesAsync(FgaConnection connection, IReadOnlyList<ClaimedOperation> operations, CancellationToken cancellationToken)
    {
        for (var conflicts = 0; ; conflicts++)
        {
            var failure = await SendOnceAsync(connection, operations, cancellationToken).ConfigureAwait(false);
            if (failure is not { Kind: WriteFailureKind.Conflict } || conflicts >= ImmediateConflictRetries || cancellationToken.IsCancellationRequested)
            {
                return failure;
            }
        }
    }

    private Task<WriteFailure?> SendOnceAsync(FgaConnection connection, IReadOnlyList<ClaimedOperation> operations, CancellationToken cancellationToken)
    {
        var writes = new List<TupleKey>();
        var deletes = new List<TupleKey>();
        foreach (var operation in operations)
        {
            (operation.Kind == OutboxOperationKind.Grant ? writes : deletes).Add(operation.Tuple);
        }

        return SendOnceAsync(connection, writes, deletes, cancellationToken);
    }

    private async Task<WriteFailure?> SendOnceAsync(FgaConnection connection, List<TupleKey> writes, List<TupleKey> deletes, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.RequestTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            // Idempotent on OpenFGA 1.10+: a replay after a crash between the write and the acknowledgement is harmless.
            await backend.WriteAsync(connection, writes, deletes, WriteConflictOptions.Idempotent, linked.Token).ConfigureAwait(false);
            return null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested || timeout.IsCancellationRequested)
        {
            var failure = WriteFailure.Classify(exception, timeout.IsCancellationRequested);
            if (failure.Kind == WriteFailureKind.ConditionChanged)
            {
                // Routine: a grant that changes a tuple's condition is found and applied as a delete and a write.
                FlushLog.ConditionChangeFound(logger, writes.Count + deletes.Count, connection.StoreId);
            }
            else
            {
                FlushLog.WriteFailed(logger, writes.Count + deletes.Count, connection.StoreId, failure.Kind, failure.ToString());
            }

            return failure;
        }
        catch (OperationCanceledException)
        {
            // The flush was stopped; whether the server applied the request is unknown, and a replay is harmless.
            return new WriteFailure(WriteFailureKind.Transient, null, "The flush was cancelled.");
        }
    }

    private static ClaimedOperation? FindNamed(IReadOnlyList<ClaimedOperation> operations, WriteFailure failure)
    {
        if (failure.NamedTuple() is not var (user, relation, @object))
        {
            return null;
        }

        return operations.FirstOrDefault(o => o.Tuple.User == user && o.Tuple.Relation == relation && o.Tuple.Object == @object);
    }

    private static void MarkSent(IReadOnlyList<ClaimedOperation> operations, OutboxCompletion completion, FlushTally tally)
    {
        var writes = 0;
        foreach (var operation in operations)
        {
            completion.Acknowledged.Add(operation.Sequence);
            if (operation.Kind == OutboxOperationKind.Grant)
            {
                writes++;
            }
        }

        tally.AddWrites(writes);
        tally.AddDeletes(operations.Count - writes);
    }

    private void Reschedule(IReadOnlyList<ClaimedOperation> operations, WriteFailure failure, OutboxCompletion completion, FlushTally tally)
    {
        var now = timeProvider.GetUtcNow();
        var error = failure.ToString();
        foreach (var operation in operations)
        {
            if (options.MaxAttempts > 0 && operation.Attempts >= options.MaxAttempts)
            {
                completion.DeadLettered.Add((operation.Sequence, DeadLetterReason.MaxAttemptsExceeded, failure.Code, $"Gave up after {operation.Attempts} attempts; last error: {error}"));
                tally.AddDeadLettered(1);
            }
            else
            {
                completion.Rescheduled.Add((operation.Sequence, error, now + options.GetBackoff(operation.Attempts)));
                tally.AddFailed(1);
            }
        }
    }

    /// <summary>Operations to send together; <c>Replace</c> marks a single grant to apply as delete-then-write.</summary>
    private readonly record struct Batch(IReadOnlyList<ClaimedOperation> Operations, bool Replace);
}
