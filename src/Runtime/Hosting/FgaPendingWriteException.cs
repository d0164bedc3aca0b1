namespace TypedFga.Hosting;

/// <summary>
/// A query could not reflect an operation of this process that is still pending in write-behind: the operation must
/// reach OpenFGA before the query (a revoke, for instance), and it cannot be sent now. Thrown by queries that have no
/// safe partial answer (Expand); checks deny instead, and lists leave out what the operation could change.
/// </summary>
public sealed class FgaPendingWriteException(string query, TupleKey tuple, string reason)
    : Exception($"{query} cannot reflect the pending operation on {tuple}: it must be sent first and cannot be sent now ({reason}). " +
        "The operation is kept in the outbox and will be retried; see WriteBehindCache.GetPendingOperationsAsync() for the last error.")
{
    /// <summary>The tuple whose operation is pending.</summary>
    public TupleKey Tuple { get; } = tuple;
}
