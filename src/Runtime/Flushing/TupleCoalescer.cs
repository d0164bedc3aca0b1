using TypedFga.Backends;
using TypedFga.Outbox;

namespace TypedFga.Flushing;

/// <summary>A group of operations sent in one Write request: one connection, distinct tuples.</summary>
internal sealed record FlushChunk(FgaConnection Connection, IReadOnlyList<ClaimedOperation> Operations);

/// <summary>
/// Reduces claimed operations to the last one per tuple and packs the survivors into chunks per connection.
/// </summary>
/// <remarks>
/// A claim already hands out at most one operation per tuple (the oldest waiting). This pass keeps the invariant
/// a Write request needs whatever a claim returns: OpenFGA refuses a tuple that appears twice in one request.
/// </remarks>
internal static class TupleCoalescer
{
    public static (List<FlushChunk> Chunks, List<ClaimedOperation> Superseded) Coalesce(IReadOnlyList<ClaimedOperation> claimed, int maxTuplesPerWrite)
    {
        var latest = new Dictionary<ClaimedOperation, ClaimedOperation>(claimed.Count, SameTuple.Instance);
        var superseded = new List<ClaimedOperation>();
        foreach (var operation in claimed)
        {
            if (latest.TryGetValue(operation, out var existing))
            {
                var (keep, drop) = existing.Sequence > operation.Sequence ? (existing, operation) : (operation, existing);
                latest[keep] = keep;
                superseded.Add(drop);
            }
            else
            {
                latest.Add(operation, operation);
            }
        }

        var survivors = new List<ClaimedOperation>(latest.Values);
        survivors.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));

        // Connections are few; a list keeps their first-seen order, which keeps the output deterministic.
        var groups = new List<(FgaConnection Connection, List<ClaimedOperation> Operations)>();
        foreach (var operation in survivors)
        {
            var index = groups.FindIndex(g => g.Connection.Equals(operation.Connection));
            if (index < 0)
            {
                index = groups.Count;
                groups.Add((operation.Connection, []));
            }

            groups[index].Operations.Add(operation);
        }

        var chunks = new List<FlushChunk>();
        foreach (var (connection, operations) in groups)
        {
            for (var start = 0; start < operations.Count; start += maxTuplesPerWrite)
            {
                chunks.Add(new FlushChunk(connection, operations.GetRange(start, Math.Min(maxTuplesPerWrite, operations.Count - start))));
            }
        }

        return (chunks, superseded);
    }

    /// <summary>
    /// A tuple's identity is its store, object, relation and user; the condition is not part of it in OpenFGA.
    /// The stored hash of that identity stands in for hashing the four strings again.
    /// </summary>
    private sealed class SameTuple : IEqualityComparer<ClaimedOperation>
    {
        public static readonly SameTuple Instance = new();

        public bool Equals(ClaimedOperation? x, ClaimedOperation? y) =>
            ReferenceEquals(x, y)
            || (x is not null && y is not null
                && x.TupleHash == y.TupleHash
                && x.Connection.StoreId == y.Connection.StoreId
                && x.Tuple.Object == y.Tuple.Object
                && x.Tuple.Relation == y.Tuple.Relation
                && x.Tuple.User == y.Tuple.User);

        public int GetHashCode(ClaimedOperation obj) => obj.TupleHash.GetHashCode();
    }
}
