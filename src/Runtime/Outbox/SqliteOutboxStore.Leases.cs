using Dapper;
using TypedFga.Backends;

namespace TypedFga.Outbox;

public sealed partial class SqliteOutboxStore
{
    private const string SameTuple =
        "{0}.tuple_hash = o.tuple_hash AND {0}.store_id = o.store_id AND {0}.subject = o.subject " +
        "AND {0}.relation = o.relation AND {0}.object = o.object";

    private static readonly string DeadLetterSql =
        "DELETE FROM outbox_dead_letters AS d WHERE EXISTS (SELECT 1 FROM outbox_operations o " +
        $"WHERE o.seq = @seq AND o.lease_owner = @owner AND {string.Format(System.Globalization.CultureInfo.InvariantCulture, SameTuple, "d")});" +
        "INSERT INTO outbox_dead_letters (seq, tuple_hash, connection_name, store_id, model_id, kind, subject, relation, object, " +
        "condition_name, condition_context, enqueued_at, attempts, dead_lettered_at, reason, error_code, error_message) " +
        "SELECT o.seq, o.tuple_hash, o.connection_name, o.store_id, o.model_id, o.kind, o.subject, o.relation, o.object, " +
        "o.condition_name, o.condition_context, o.enqueued_at, o.attempts, @now, @reason, @code, @message " +
        "FROM outbox_operations o WHERE o.seq = @seq AND o.lease_owner = @owner " +
        // Already superseded by a newer operation on the tuple: nothing to keep.
        $"AND NOT EXISTS (SELECT 1 FROM outbox_operations n WHERE n.seq > o.seq AND {string.Format(System.Globalization.CultureInfo.InvariantCulture, SameTuple, "n")});" +
        "DELETE FROM outbox_operations WHERE seq = @seq AND lease_owner = @owner;";

    // An operation that failed or was not attempted while a newer one on its tuple waited behind it is superseded:
    // it goes, rather than coming back later and landing after the newer one.
    private static readonly string DropSupersededSql =
        "DELETE FROM outbox_operations AS o WHERE o.lease_owner = @owner AND o.seq IN (SELECT value FROM json_each(@sequences)) " +
        $"AND EXISTS (SELECT 1 FROM outbox_operations n WHERE n.seq > o.seq AND {string.Format(System.Globalization.CultureInfo.InvariantCulture, SameTuple, "n")}) " +
        "RETURNING seq";

    /// <summary>The highest sequence number in the outbox (0 when empty): a flush sends nothing newer.</summary>
    internal override async Task<long> GetHighestSequenceAsync(CancellationToken cancellationToken)
    {
        await using var connection = OpenReadConnection();
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COALESCE(MAX(seq), 0) FROM outbox_operations", cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// Leases up to <paramref name="limit"/> due operations to <paramref name="owner"/> until the lease ends,
    /// skipping tuples another flusher is sending, and counts the attempt.
    /// </summary>
    internal override Task<IReadOnlyList<ClaimedOperation>> ClaimAsync(string owner, int limit, long maxSequence, TimeSpan leaseDuration)
    {
        var now = OutboxClock.Now(_timeProvider);
        var leaseEnd = now + (long)leaseDuration.TotalMilliseconds;
        return WriteAsync<IReadOnlyList<ClaimedOperation>>(context =>
            (_leaseStatements!.Claim(context, owner, now, leaseEnd, maxSequence, limit), 0));
    }

    /// <summary>
    /// Applies the outcome of a claim. Rows whose lease another flusher has taken over are left alone. Returns the
    /// rescheduled and released operations that were dropped instead, superseded by a newer operation on their tuple.
    /// </summary>
    internal override async Task<SupersededOnCompletion> CompleteAsync(string owner, OutboxCompletion completion)
    {
        if (completion.IsEmpty)
        {
            return default;
        }

        var now = OutboxClock.Now(_timeProvider);
        var outcome = await WriteAsync(context =>
        {
            long removed = 0;
            if (completion.Acknowledged.Count > 0)
            {
                removed += _leaseStatements!.Acknowledge(context, owner, completion.Acknowledged);
            }

            var superseded = default(SupersededOnCompletion);
            if (completion.Rescheduled.Count + completion.Released.Count > 0)
            {
                var dropped = context.Connection.Query<long>(
                    DropSupersededSql,
                    new { owner, sequences = ToJsonArray(completion.Rescheduled.Select(r => r.Sequence).Concat(completion.Released)) },
                    context.Transaction).ToHashSet();
                var rescheduled = completion.Rescheduled.Count(r => dropped.Contains(r.Sequence));
                superseded = new SupersededOnCompletion(rescheduled, dropped.Count - rescheduled);
                removed += dropped.Count;
            }

            foreach (var group in completion.Rescheduled.GroupBy(r => (r.Error, r.NextAttemptAt)))
            {
                context.Connection.Execute(
                    "UPDATE outbox_operations SET lease_owner = NULL, next_attempt_at = @next, last_error = @error " +
                    "WHERE lease_owner = @owner AND seq IN (SELECT value FROM json_each(@sequences))",
                    new { owner, next = OutboxClock.ToUnixMilliseconds(group.Key.NextAttemptAt), error = group.Key.Error, sequences = ToJsonArray(group.Select(r => r.Sequence)) },
                    context.Transaction);
            }

            if (completion.Released.Count > 0)
            {
                context.Connection.Execute(
                    "UPDATE outbox_operations SET lease_owner = NULL, next_attempt_at = @now, attempts = MAX(attempts - 1, 0) " +
                    "WHERE lease_owner = @owner AND seq IN (SELECT value FROM json_each(@sequences))",
                    new { owner, now, sequences = ToJsonArray(completion.Released) },
                    context.Transaction);
            }

            foreach (var (seq, reason, code, message) in completion.DeadLettered)
            {
                var before = context.Connection.ExecuteScalar<long>("SELECT COUNT(*) FROM outbox_operations WHERE seq = @seq AND lease_owner = @owner", new { seq, owner }, context.Transaction);
                context.Connection.Execute(DeadLetterSql, new { seq, owner, now, reason = (long)reason, code, message }, context.Transaction);
                removed += before;
                context.NoteDeadLetterAdded();
            }

            return (superseded, -removed);
        }).ConfigureAwait(false);
        OnPendingChangedOutsideWrites(completion.DeadLettered.Count);
        return outcome;
    }

    private static string ToJsonArray(IEnumerable<long> values) =>
        "[" + string.Join(",", values.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";
}
