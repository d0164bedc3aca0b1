using TypedFga.Backends;
using TypedFga.Outbox;

namespace TypedFga.Flushing;

/// <summary>A group of operations sent in one Write request: one connection, distinct tuples.</summary>
internal sealed record FlushChunk(FgaConnection Connection, IReadOnlyList<ClaimedOperation> Operations);

/// <summary>
/// Reduces claimed operations to the last one per tuple and packs the survivors into chunks per connection.
/// </summary>
internal static class TupleCoalescer
{
    public static (List<FlushChunk> Chunks, List<ClaimedOperation> Superseded) Coalesce(IReadOnlyList<ClaimedOperation> claimed, int maxTuplesPerWrite)
    {
        // A tuple's identity is its store, object, relation and user; the condition is not part of it in OpenFGA.
        var latest = new Dictionary<(string, string, string, string), ClaimedOperation>(claimed.Count);
        var superseded = new List<ClaimedOperation>();
        foreach (var operation in claimed)
        {
            var key = (operation.Connection.StoreId, operation.Tuple.Object, operation.Tuple.Relation, operation.Tuple.User);
            if (latest.TryGetValue(key, out var existing))
            {
                var (keep, drop) = existing.Sequence > operation.Sequence ? (existing, operation) : (operation, existing);
                latest[key] = keep;
                superseded.Add(drop);
            }
            else
            {
                latest[key] = operation;
            }
        }

        var chunks = new List<FlushChunk>();
        foreach (var group in latest.Values.OrderBy(o => o.Sequence).GroupBy(o => o.Connection))
        {
            var operations = group.ToList();
            for (var start = 0; start < operations.Count; start += maxTuplesPerWrite)
            {
                chunks.Add(new FlushChunk(group.Key, operations.GetRange(start, Math.Min(maxTuplesPerWrite, operations.Count - start))));
            }
        }

        return (chunks, superseded);
    }
}
