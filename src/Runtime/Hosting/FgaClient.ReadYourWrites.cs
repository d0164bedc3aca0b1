using System.Diagnostics;
using Microsoft.Extensions.Logging;
using TypedFga.Backends;
using TypedFga.Caching;
using TypedFga.Diagnostics;
using TypedFga.Outbox;

namespace TypedFga.Hosting;

// How a check reads its own writes: the pending operations acknowledged before it began that can change its answer.
public sealed partial class FgaClient
{
    // OpenFGA accepts at most 100 contextual tuples per check.
    private const int MaxContextualTuples = 100;

    // How many pending operations on the relations a check depends on it reads; beyond this it flushes first.
    private const int PendingLookupLimit = 1000;

    // The backlog (pending operations of the process, all stores) up to which a check looks for the ones that
    // matter to it; beyond it the look-up scan would cost more than the check, and it flushes first.
    private const int MaxPendingScanned = 50_000;

    // While a relevant revoke is being sent by another flusher, the check looks again after these pauses (the last
    // one repeats) until the send may have timed out.
    private static readonly TimeSpan[] InFlightPauses =
        [TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(4), TimeSpan.FromMilliseconds(16), TimeSpan.FromMilliseconds(50)];

    private async Task<bool> CheckUncachedAsync(FgaConnection connection, CheckQuery query, Activity? activity, CancellationToken cancellationToken)
    {
        if (_writeBehind is null || !_writeBehind.Outbox.MayHavePending)
        {
            return await _backend.CheckAsync(connection, query, cancellationToken).ConfigureAwait(false);
        }

        // The snapshot: what was acknowledged before this point counts, what is queued later never does.
        var began = Snapshot.Begin(_writeBehind.Outbox);
        var asked = await PrepareCheckAsync(connection, query, began, new PendingRelevance.EdgeCache(), activity, cancellationToken).ConfigureAwait(false);
        return asked is not null && await _backend.CheckAsync(connection, asked, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The check to ask the backend so that it reflects the snapshot's relevant pending operations (the query itself,
    /// or with pending grants as contextual tuples, after relevant revokes were flushed), or null when it must deny.
    /// </summary>
    private async Task<CheckQuery?> PrepareCheckAsync(
        FgaConnection connection, CheckQuery query, Snapshot began, PendingRelevance.EdgeCache edges, Activity? activity, CancellationToken cancellationToken)
    {
        var room = MaxContextualTuples - (query.ContextualTuples?.Count ?? 0);
        var pending = await ReadRelevantPendingAsync(connection, query, began, edges, cancellationToken).ConfigureAwait(false);
        if (!pending.IsComplete || pending.HasSendFirst || pending.Grants.Count > room)
        {
            // Revokes (and grants that would only add to a stored tuple) cannot travel as contextual tuples: send them
            // first, and what else is pending with them.
            activity?.SetTag(FgaActivitySource.CheckFlushedFirstTag, true);
            var sent = await FlushRelevantAsync(_writeBehind!, connection, query, began, pending, cancellationToken).ConfigureAwait(false);
            if (sent is null)
            {
                activity?.SetTag(FgaActivitySource.CheckDeniedPendingRevokeTag, true);
                return null;
            }

            pending = sent;
            if (pending.Grants.Count > room)
            {
                // Too many grants still queued to send along: answer from what OpenFGA has, which can only deny more.
                CheckWithoutPendingGrants(_logger, query.Object, query.Relation, query.User, pending.Grants.Count);
                return query;
            }
        }

        if (pending.Grants.Count == 0)
        {
            return query;
        }

        activity?.SetTag(FgaActivitySource.CheckPendingGrantsTag, pending.Grants.Count);
        var contextual = new List<TupleKey>((query.ContextualTuples?.Count ?? 0) + pending.Grants.Count);
        contextual.AddRange(query.ContextualTuples ?? []);
        contextual.AddRange(pending.Grants.Select(op => op.Tuple));
        return query with { ContextualTuples = contextual };
    }

    /// <summary>
    /// Flushes until nothing relevant that must be sent first is pending and returns what is still pending of the
    /// snapshot, or null (and logs which tuple and why) when such an operation cannot be sent now: the check must deny.
    /// </summary>
    private async Task<RelevantPending?> FlushRelevantAsync(
        WriteBehindPipeline writeBehind, FgaConnection connection, CheckQuery query, Snapshot began, RelevantPending pending, CancellationToken cancellationToken)
    {
        var outcome = await FlushUntilSentAsync(
            writeBehind,
            (bound, edges) => ReadRelevantPendingAsync(connection, query, bound, edges, cancellationToken),
            began,
            pending,
            cancellationToken).ConfigureAwait(false);
        if (outcome.TooMany)
        {
            CheckDeniedWhileTooManyPending(_logger, query.Object, query.Relation, query.User, connection.StoreId, PendingLookupLimit);
            return null;
        }

        if (outcome.Blocking is { } stuck)
        {
            CheckDeniedWhileRevokePending(
                _logger, query.Object, query.Relation, query.User, KindOf(stuck), stuck.Tuple.ToString(), connection.StoreId, outcome.Reason!, stuck.NextAttemptAt);
            return null;
        }

        return outcome.Pending;
    }

    /// <summary>
    /// Flushes until nothing the query must have sent first is pending (its <see cref="FlushOutcome.Pending"/> is what is
    /// left of the snapshot), or until one such operation cannot be sent now (<see cref="FlushOutcome.Blocking"/>, and why).
    /// </summary>
    private static async Task<FlushOutcome> FlushUntilSentAsync(
        WriteBehindPipeline writeBehind,
        Func<Snapshot, PendingRelevance.EdgeCache, Task<RelevantPending>> readAgain,
        Snapshot began,
        RelevantPending pending,
        CancellationToken cancellationToken)
    {
        // Real time, not the outbox's clock: this bounds a wait for another process, which a test clock cannot move.
        var waitingSince = Stopwatch.GetTimestamp();
        for (var round = 0; ; round++)
        {
            await writeBehind.Flushes.FlushAsync(cancellationToken).ConfigureAwait(false);
            // Edges read before the flush may miss what it just moved from the outbox to OpenFGA: read them again.
            pending = await readAgain(began with { UpToSequence = pending.UpToSequence }, new PendingRelevance.EdgeCache()).ConfigureAwait(false);
            if (!pending.IsComplete)
            {
                return new FlushOutcome(pending, null, null, TooMany: true);
            }

            if (!pending.HasSendFirst)
            {
                return new FlushOutcome(pending, null, null, TooMany: false);
            }

            // A revoke that has failed and is not being sent again cannot be sent now (the flush just now tried it if
            // it was due). One that another flusher is sending, or that waits behind an older operation on its tuple
            // without having failed, is on its way: look again shortly.
            var now = writeBehind.Outbox.TimeProvider.GetUtcNow();
            var stuck = pending.SendFirst.FirstOrDefault(op => !op.InFlight && (op.LastError is not null || op.NextAttemptAt > now));
            if (stuck is not null)
            {
                return new FlushOutcome(pending, stuck, stuck.LastError ?? "it waits for its next attempt", TooMany: false);
            }

            if (Stopwatch.GetElapsedTime(waitingSince) >= writeBehind.Flushes.RequestTimeout)
            {
                return new FlushOutcome(pending, pending.SendFirst[0], "it was not sent within the write-behind request timeout", TooMany: false);
            }

            await Task.Delay(InFlightPauses[Math.Min(round, InFlightPauses.Length - 1)], cancellationToken).ConfigureAwait(false);
        }
    }

    // The pending operations of the snapshot that can change this check's answer.
    private async Task<RelevantPending> ReadRelevantPendingAsync(
        FgaConnection connection, CheckQuery query, Snapshot bound, PendingRelevance.EdgeCache edges, CancellationToken cancellationToken)
    {
        var outbox = _writeBehind!.Outbox;
        if (outbox.PendingTuples is { IsUsable: true } index && _dependencies.KnowsType(TupleParts.TypeOf(query.Object)))
        {
            return await ReadRelevantIndexedAsync(outbox, index, connection, query, bound, edges, cancellationToken).ConfigureAwait(false);
        }

        return await ReadRelevantScannedAsync(outbox, connection, query, bound, edges, cancellationToken).ConfigureAwait(false);
    }

    // The usual way: the in-memory index of pending tuples tells which tuples can matter, usually none, and only
    // their operations are read from the outbox.
    private async Task<RelevantPending> ReadRelevantIndexedAsync(
        OutboxStore outbox, PendingTupleIndex index, FgaConnection connection, CheckQuery query, Snapshot bound, PendingRelevance.EdgeCache edges, CancellationToken cancellationToken)
    {
        var upTo = bound.UpToSequence ?? bound.Watermark;
        var pendingTuples = new IndexedPendingTuples(index, connection.StoreId, upTo);
        var selected = await _relevance.SelectAsync(connection, query, pendingTuples, edges, cancellationToken).ConfigureAwait(false);
        if (selected!.Count == 0)
        {
            return new RelevantPending(upTo, [], [], IsComplete: true);
        }

        return await ReadSelectedAsync(outbox, connection, selected, upTo, cancellationToken).ConfigureAwait(false);
    }

    // When the index cannot answer (too many pending tuples, a type outside the model): the operations of the
    // relations the check depends on are read from the outbox and the walk picks among them.
    private async Task<RelevantPending> ReadRelevantScannedAsync(
        OutboxStore outbox, FgaConnection connection, CheckQuery query, Snapshot bound, PendingRelevance.EdgeCache edges, CancellationToken cancellationToken)
    {
        var checkType = TupleParts.TypeOf(query.Object);
        // Only the relations the check depends on are read, so a backlog elsewhere in the store (say, grants that
        // wait out a backoff after an outage) does not make it fail closed.
        var relations = _dependencies.RelationsThatCanAffect(checkType, query.Relation);
        var limit = outbox.PendingEstimate > MaxPendingScanned ? 1 : PendingLookupLimit;
        // Everything pending is scanned, later operations included: one of them may have replaced an acknowledged
        // operation on its tuple, which then is seen through it.
        var snapshot = await outbox.GetPendingSnapshotAsync(connection.StoreId, relations, upToSequence: null, limit, cancellationToken).ConfigureAwait(false);
        var upTo = bound.UpTo(snapshot);
        if (!snapshot.IsComplete)
        {
            return new RelevantPending(upTo, [], [], IsComplete: false);
        }

        var candidates = snapshot.Operations
            .Where(op => _dependencies.CanAffect(TupleParts.TypeOf(op.Tuple.Object), op.Tuple.Relation, checkType, query.Relation))
            .ToList();
        if (candidates.Count == 0)
        {
            return new RelevantPending(upTo, [], [], IsComplete: true);
        }

        var selected = await _relevance.SelectAsync(connection, query, new ListedPendingTuples(candidates), edges, cancellationToken).ConfigureAwait(false);
        var tuples = selected ?? candidates.Select(op => (op.Tuple.Object, op.Tuple.Relation, op.Tuple.User)).ToHashSet();
        if (tuples.Count == 0)
        {
            return new RelevantPending(upTo, [], [], IsComplete: true);
        }

        // Read again per tuple, so that an operation a later one replaced since the scan is seen through it.
        var operations = await outbox.GetPendingForTuplesAsync(connection.StoreId, tuples, upTo, cancellationToken).ConfigureAwait(false);
        return Split(upTo, operations);
    }

    // Per tuple the latest operation of the snapshot decides (an older one may still be in flight). Grants travel
    // as contextual tuples, except those OpenFGA would add to a stored tuple rather than put in its place: a
    // grant with a condition of a userset or a tupleset (parent) tuple, which may be stored without it. Those
    // and revokes must reach OpenFGA before the check.
    private RelevantPending Split(long upTo, IEnumerable<PendingOperation> relevant)
    {
        var latest = new Dictionary<(string Object, string Relation, string User), PendingOperation>();
        foreach (var operation in relevant)
        {
            var key = (operation.Tuple.Object, operation.Tuple.Relation, operation.Tuple.User);
            if (!latest.TryGetValue(key, out var known) || known.Sequence < operation.Sequence)
            {
                latest[key] = operation;
            }
        }

        var grants = new List<PendingOperation>();
        var sendFirst = new List<PendingOperation>();
        foreach (var operation in latest.Values.OrderBy(op => op.Sequence))
        {
            (operation.Kind == OutboxOperationKind.Grant && !AddsToStoredTuple(operation.Tuple) ? grants : sendFirst).Add(operation);
        }

        return new RelevantPending(upTo, grants, sendFirst, IsComplete: true);
    }

    private bool AddsToStoredTuple(TupleKey tuple) =>
        tuple.Condition is not null
        && (tuple.User.Contains('#', StringComparison.Ordinal) || _dependencies.IsTupleset(TupleParts.TypeOf(tuple.Object), tuple.Relation));

    /// <summary>
    /// Where a check's snapshot ends: the highest sequence number this process had acknowledged when the check began
    /// (sequence numbers, not clock times, since a clock may step back), and, once the outbox was read, the bound of
    /// that read.
    /// </summary>
    private readonly record struct Snapshot(long Watermark, long? UpToSequence)
    {
        public static Snapshot Begin(OutboxStore outbox) => new(outbox.ReadYourWritesWatermark, null);

        /// <summary>
        /// The bound once <paramref name="read"/> was read: on a shared outbox, whose watermark is unbounded, what was
        /// committed when it was read, so that later reads of the same query leave out what other nodes queue after.
        /// </summary>
        public long UpTo(PendingSnapshot read) =>
            UpToSequence ?? (Watermark == long.MaxValue ? read.UpToSequence : Watermark);
    }

    /// <summary>
    /// The relevant pending operations of one snapshot: grants that can travel with the check, and the operations
    /// (revokes mostly) that must be sent before it.
    /// </summary>
    private sealed record RelevantPending(long UpToSequence, List<PendingOperation> Grants, List<PendingOperation> SendFirst, bool IsComplete)
    {
        public bool HasSendFirst => SendFirst.Count > 0;
    }

    /// <summary>
    /// How flushing for a query ended: what is left pending of its snapshot, or the operation that must be sent first
    /// and cannot be now, and why; <paramref name="TooMany"/> when the relevant operations could not all be read.
    /// </summary>
    private sealed record FlushOutcome(RelevantPending Pending, PendingOperation? Blocking, string? Reason, bool TooMany);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning,
        Message = "Check {Object}#{Relation}@{User} answered without {Count} pending grants that could not be flushed and are too many to send along.")]
    private static partial void CheckWithoutPendingGrants(ILogger logger, string @object, string relation, string user, int count);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning,
        Message = "Check {Object}#{Relation}@{User} denied: the {Kind} of {Tuple} (store {StoreId}) is still pending and cannot be sent now: {Reason} (next attempt at {NextAttemptAt:O}).")]
    private static partial void CheckDeniedWhileRevokePending(
        ILogger logger, string @object, string relation, string user, string kind, string tuple, string storeId, string reason, DateTimeOffset nextAttemptAt);

    private static string KindOf(PendingOperation operation) => operation.Kind == OutboxOperationKind.Revoke ? "revoke" : "grant";

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning,
        Message = "Check {Object}#{Relation}@{User} denied: more than {Limit} operations it may depend on are pending for store {StoreId} and could not be flushed.")]
    private static partial void CheckDeniedWhileTooManyPending(ILogger logger, string @object, string relation, string user, string storeId, int limit);
}
