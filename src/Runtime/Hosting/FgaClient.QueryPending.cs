using Microsoft.Extensions.Logging;
using TypedFga.Backends;
using TypedFga.Caching;
using TypedFga.Outbox;

namespace TypedFga.Hosting;

// How the queries other than Check read their own writes: the pending operations of the snapshot on the relations the
// query depends on, sent along as contextual tuples or sent first, by the same rule as a check.
public sealed partial class FgaClient
{
    /// <summary>
    /// Makes a list query (or an Expand) reflect the snapshot's pending operations: relevant revokes (and conditioned
    /// userset grants) are flushed first, relevant grants travel as contextual tuples. What must be sent first and
    /// cannot be now is returned in <see cref="PreparedQuery.Blocking"/>, for the caller to fail closed on.
    /// </summary>
    private async Task<PreparedQuery> PrepareQueryAsync(
        FgaConnection connection, PendingScope scope, IReadOnlyList<TupleKey>? contextualTuples, CancellationToken cancellationToken)
    {
        if (_writeBehind is not { } writeBehind || !writeBehind.Outbox.MayHavePending)
        {
            return new PreparedQuery(contextualTuples, [], null);
        }

        var room = MaxContextualTuples - (contextualTuples?.Count ?? 0);
        var began = Snapshot.Begin(writeBehind.Outbox);
        var pending = await ReadPendingInScopeAsync(connection, scope, began, cancellationToken).ConfigureAwait(false);
        List<PendingOperation> blocking = [];
        string? reason = null;
        if (!pending.IsComplete || pending.HasSendFirst || pending.Grants.Count > room)
        {
            var outcome = await FlushUntilSentAsync(
                writeBehind,
                (bound, _) => ReadPendingInScopeAsync(connection, scope, bound, cancellationToken),
                began,
                pending,
                cancellationToken).ConfigureAwait(false);
            if (outcome.TooMany)
            {
                QueryFailedClosedTooManyPending(_logger, scope.Description, connection.StoreId, PendingLookupLimit);
                return new PreparedQuery(contextualTuples, [], "too many pending operations could not be flushed") { AnswersNothing = true };
            }

            pending = outcome.Pending;
            if (outcome.Blocking is { } stuck)
            {
                // Everything still to be sent first counts: once one is stuck, waiting longer for the others is pointless.
                blocking = pending.SendFirst;
                reason = outcome.Reason;
                QueryLeavesOutPending(_logger, scope.Description, KindOf(stuck), stuck.Tuple.ToString(), connection.StoreId, reason!, stuck.NextAttemptAt);
            }

            if (pending.Grants.Count > room)
            {
                QueryWithoutPendingGrants(_logger, scope.Description, pending.Grants.Count);
                return new PreparedQuery(contextualTuples, blocking, reason);
            }
        }

        if (pending.Grants.Count == 0)
        {
            return new PreparedQuery(contextualTuples, blocking, reason);
        }

        var contextual = new List<TupleKey>((contextualTuples?.Count ?? 0) + pending.Grants.Count);
        contextual.AddRange(contextualTuples ?? []);
        contextual.AddRange(pending.Grants.Select(op => op.Tuple));
        return new PreparedQuery(contextual, blocking, reason);
    }

    // The pending operations of the snapshot on the relations the query's answer is built from.
    private async Task<RelevantPending> ReadPendingInScopeAsync(FgaConnection connection, PendingScope scope, Snapshot bound, CancellationToken cancellationToken)
    {
        var outbox = _writeBehind!.Outbox;
        var upTo = bound.UpToSequence ?? bound.Watermark;
        var closure = _dependencies.ClosureOf(scope.Type, scope.Relation);
        HashSet<(string Object, string Relation, string User)> selected = [];
        if (outbox.PendingTuples is { IsUsable: true } index && closure.Count > 0)
        {
            foreach (var (type, relation) in closure)
            {
                foreach (var (@object, user) in index.TuplesOf(connection.StoreId, type, relation, upTo))
                {
                    if (scope.CanBeChangedBy(type, relation, user, _dependencies))
                    {
                        selected.Add((@object, relation, user));
                    }
                }
            }

            return await ReadSelectedAsync(outbox, connection, selected, upTo, cancellationToken).ConfigureAwait(false);
        }

        // No index, or a type the model does not know: read the relations' operations (all of them for an unknown type).
        var names = closure.Count == 0 ? null : closure.Select(node => node.Relation).Distinct(StringComparer.Ordinal).ToArray();
        var limit = outbox.PendingEstimate > MaxPendingScanned ? 1 : PendingLookupLimit;
        var snapshot = await outbox.GetPendingSnapshotAsync(connection.StoreId, names, upToSequence: null, limit, cancellationToken).ConfigureAwait(false);
        upTo = bound.UpTo(snapshot);
        if (!snapshot.IsComplete)
        {
            return new RelevantPending(upTo, [], [], IsComplete: false);
        }

        foreach (var operation in snapshot.Operations)
        {
            var type = TupleParts.TypeOf(operation.Tuple.Object);
            if ((closure.Count == 0 || closure.Contains((type, operation.Tuple.Relation)))
                && scope.CanBeChangedBy(type, operation.Tuple.Relation, operation.Tuple.User, _dependencies))
            {
                selected.Add((operation.Tuple.Object, operation.Tuple.Relation, operation.Tuple.User));
            }
        }

        return await ReadSelectedAsync(outbox, connection, selected, upTo, cancellationToken).ConfigureAwait(false);
    }

    // The operations of the selected tuples up to the snapshot's bound, read again per tuple so that one a later
    // operation replaced is seen through it; tuples the index still lists but the outbox no longer holds are forgotten.
    private async Task<RelevantPending> ReadSelectedAsync(
        OutboxStore outbox, FgaConnection connection, HashSet<(string Object, string Relation, string User)> selected, long upTo, CancellationToken cancellationToken)
    {
        if (selected.Count == 0)
        {
            return new RelevantPending(upTo, [], [], IsComplete: true);
        }

        var operations = await outbox.GetPendingForTuplesAsync(connection.StoreId, selected, upTo, cancellationToken).ConfigureAwait(false);
        var found = operations.Select(op => (op.Tuple.Object, op.Tuple.Relation, op.Tuple.User)).ToHashSet();
        foreach (var tuple in selected)
        {
            if (!found.Contains(tuple))
            {
                // Sent or cleared since the index learned of it.
                outbox.PendingTuples?.Forget(connection.StoreId, tuple.Object, tuple.Relation, tuple.User, upTo);
            }
        }

        return Split(upTo, operations);
    }

    /// <summary>
    /// Of <paramref name="found"/> (objects for a ListObjects, users for a ListUsers), those whose answer none of the
    /// <paramref name="blocking"/> operations can change: what a list shows while an operation it must reflect cannot
    /// be sent, so that it fails closed as a check would.
    /// </summary>
    private async Task<List<string>> WithoutBlockedAsync(
        FgaConnection connection, IEnumerable<string> found, Func<string, CheckQuery> checkOf, IReadOnlyList<PendingOperation> blocking, CancellationToken cancellationToken)
    {
        var tuples = new ListedPendingTuples(blocking);
        var edges = new PendingRelevance.EdgeCache();
        var kept = new List<string>();
        foreach (var item in found)
        {
            var selected = await _relevance.SelectAsync(connection, checkOf(item), tuples, edges, cancellationToken).ConfigureAwait(false);
            if (selected is { Count: 0 })
            {
                kept.Add(item);
            }
        }

        return kept;
    }

    /// <summary>What a query's answer is built from: a relation of a type, for one user (a ListObjects) or for any (a ListUsers, an Expand).</summary>
    private sealed record PendingScope(string Type, string Relation, string? User, string Description)
    {
        /// <summary>
        /// True when a tuple of <paramref name="type"/>#<paramref name="relation"/> with this user can change the answer:
        /// for any user every tuple can; for one user, tuples naming that user, a wildcard of its type, a userset (which
        /// may contain it), or a tupleset edge (which leads to more tuples). A tuple naming another object user only
        /// matters to queries about that user.
        /// </summary>
        public bool CanBeChangedBy(string type, string relation, string user, RelationDependencies dependencies)
        {
            if (User is null || user == User || user.Contains('#', StringComparison.Ordinal) || dependencies.IsTupleset(type, relation))
            {
                return true;
            }

            return !User.Contains('#', StringComparison.Ordinal) && TupleParts.IsWildcardOf(user, TupleParts.TypeOf(User));
        }
    }

    /// <summary>
    /// A query made ready to send: the contextual tuples that carry the pending grants, and the pending operations that
    /// must reach OpenFGA first and could not be sent (with why).
    /// </summary>
    private sealed record PreparedQuery(IReadOnlyList<TupleKey>? ContextualTuples, IReadOnlyList<PendingOperation> Blocking, string? BlockingReason)
    {
        /// <summary>True when the relevant pending operations could not even be read: the query must answer nothing.</summary>
        public bool AnswersNothing { get; init; }
    }

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning,
        Message = "{Query} leaves out what the {Kind} of {Tuple} (store {StoreId}) can change: it is still pending and cannot be sent now: {Reason} (next attempt at {NextAttemptAt:O}).")]
    private static partial void QueryLeavesOutPending(
        ILogger logger, string query, string kind, string tuple, string storeId, string reason, DateTimeOffset nextAttemptAt);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Warning,
        Message = "{Query} answered without {Count} pending grants that could not be flushed and are too many to send along.")]
    private static partial void QueryWithoutPendingGrants(ILogger logger, string query, int count);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Warning,
        Message = "{Query} answers nothing: more than {Limit} operations it may depend on are pending for store {StoreId} and could not be flushed.")]
    private static partial void QueryFailedClosedTooManyPending(ILogger logger, string query, string storeId, int limit);
}
