using Microsoft.Data.Sqlite;
using TypedFga.Backends;

namespace TypedFga.Outbox;

/// <summary>
/// The prepared statements of a flush, bound to the writer's connection and reused for every claim and
/// acknowledgement (the hot path of a drain).
/// </summary>
internal sealed class LeaseStatements : IDisposable
{
    // One statement picks, leases and returns the operations, so each row is visited once. The subquery is not
    // correlated, so SQLite evaluates it before the first row is updated. At most one operation per tuple is
    // claimed: the oldest one waiting (the tuple-hash index holds the sequence number, so the check is one seek).
    private const string ClaimSql =
        "UPDATE outbox_operations SET lease_owner = $owner, next_attempt_at = $leaseEnd, attempts = attempts + 1 " +
        "WHERE seq IN (SELECT o.seq FROM outbox_operations o " +
        "WHERE o.next_attempt_at <= $now AND o.seq <= $maxSequence " +
        // A tuple with an operation in flight waits, so that operations on one tuple reach the server in order.
        "AND NOT EXISTS (SELECT 1 FROM outbox_operations x WHERE x.tuple_hash = o.tuple_hash AND x.seq <> o.seq " +
        "AND x.lease_owner IS NOT NULL AND x.next_attempt_at > $now) " +
        // So does an operation with an older one on its tuple still waiting (left by a flusher that died while the
        // newer one was appended): whatever the claims' sizes and due times, the older one is sent first.
        "AND NOT EXISTS (SELECT 1 FROM outbox_operations y WHERE y.tuple_hash = o.tuple_hash AND y.seq < o.seq) " +
        "ORDER BY o.next_attempt_at, o.seq LIMIT $limit) " +
        "RETURNING seq, tuple_hash, kind, attempts, connection_name, store_id, model_id, subject, relation, object, condition_name, condition_context";

    private readonly SqliteCommand _claim;
    private readonly SqliteParameter _claimOwner;
    private readonly SqliteParameter _claimLeaseEnd;
    private readonly SqliteParameter _claimNow;
    private readonly SqliteParameter _claimMaxSequence;
    private readonly SqliteParameter _claimLimit;
    private readonly SqliteCommand _acknowledge;
    private readonly SqliteParameter _acknowledgeOwner;
    private readonly SqliteParameter _acknowledgeFirst;
    private readonly SqliteParameter _acknowledgeLast;

    // Claimed rows share a handful of connections; reusing one instance per connection saves an object per row.
    private FgaConnection? _lastConnection;

    public LeaseStatements(SqliteConnection connection)
    {
        _claim = connection.CreateCommand();
        _claim.CommandText = ClaimSql;
        _claimOwner = _claim.Parameters.Add("$owner", SqliteType.Text);
        _claimLeaseEnd = _claim.Parameters.Add("$leaseEnd", SqliteType.Integer);
        _claimNow = _claim.Parameters.Add("$now", SqliteType.Integer);
        _claimMaxSequence = _claim.Parameters.Add("$maxSequence", SqliteType.Integer);
        _claimLimit = _claim.Parameters.Add("$limit", SqliteType.Integer);

        // Acknowledged operations are removed by runs of consecutive sequence numbers: a chunk of operations
        // enqueued together is one statement instead of one per row.
        _acknowledge = connection.CreateCommand();
        _acknowledge.CommandText = "DELETE FROM outbox_operations WHERE seq BETWEEN $first AND $last AND lease_owner = $owner";
        _acknowledgeOwner = _acknowledge.Parameters.Add("$owner", SqliteType.Text);
        _acknowledgeFirst = _acknowledge.Parameters.Add("$first", SqliteType.Integer);
        _acknowledgeLast = _acknowledge.Parameters.Add("$last", SqliteType.Integer);
    }

    /// <summary>Leases up to <paramref name="limit"/> due operations and returns them in sequence order.</summary>
    public List<ClaimedOperation> Claim(OutboxWriteContext context, string owner, long now, long leaseEnd, long maxSequence, int limit)
    {
        _claim.Transaction = context.Transaction;
        _claimOwner.Value = owner;
        _claimLeaseEnd.Value = leaseEnd;
        _claimNow.Value = now;
        _claimMaxSequence.Value = maxSequence;
        _claimLimit.Value = limit;

        var claimed = new List<ClaimedOperation>(limit);
        using (var reader = _claim.ExecuteReader())
        {
            while (reader.Read())
            {
                var conditionName = reader.IsDBNull(10) ? null : reader.GetString(10);
                var tuple = new TupleKey(
                    reader.GetString(7),
                    reader.GetString(8),
                    reader.GetString(9),
                    conditionName is null
                        ? null
                        : new RelationshipCondition(conditionName, ConditionContextJson.Deserialize(reader.IsDBNull(11) ? null : reader.GetString(11))));
                claimed.Add(new ClaimedOperation(
                    reader.GetInt64(0),
                    (OutboxOperationKind)reader.GetInt64(2),
                    tuple,
                    ReadConnection(reader),
                    (int)reader.GetInt64(3),
                    reader.GetInt64(1)));
            }
        }

        // RETURNING yields rows in no particular order.
        claimed.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
        return claimed;
    }

    /// <summary>Removes the given operations still leased to <paramref name="owner"/>; returns how many went.</summary>
    /// <param name="context">The current transaction.</param>
    /// <param name="owner">The lease holder; rows another flusher has taken over stay.</param>
    /// <param name="sequences">The sequence numbers, sorted in place.</param>
    public long Acknowledge(OutboxWriteContext context, string owner, List<long> sequences)
    {
        sequences.Sort();
        _acknowledge.Transaction = context.Transaction;
        _acknowledgeOwner.Value = owner;
        long removed = 0;
        var start = 0;
        while (start < sequences.Count)
        {
            var end = start;
            while (end + 1 < sequences.Count && sequences[end + 1] <= sequences[end] + 1)
            {
                end++;
            }

            _acknowledgeFirst.Value = sequences[start];
            _acknowledgeLast.Value = sequences[end];
            removed += _acknowledge.ExecuteNonQuery();
            start = end + 1;
        }

        return removed;
    }

    public void Dispose()
    {
        _claim.Dispose();
        _acknowledge.Dispose();
    }

    private FgaConnection ReadConnection(SqliteDataReader reader)
    {
        var name = reader.GetString(4);
        var storeId = reader.GetString(5);
        var modelId = reader.IsDBNull(6) ? null : reader.GetString(6);
        var last = _lastConnection;
        if (last is not null && last.Name == name && last.StoreId == storeId && last.AuthorizationModelId == modelId)
        {
            return last;
        }

        return _lastConnection = new FgaConnection(name, storeId, modelId);
    }
}
