namespace TypedFga.Hosting;

/// <summary>
/// A write-through (<c>GrantNow</c>, <c>RevokeNow</c>, or a critical relation) could not be completed because it
/// had to follow an earlier queued operation on the same tuple that could not be sent yet. The operation is
/// durable in the outbox and later flushes retry it.
/// </summary>
public sealed class FgaWriteThroughException(TupleKey tuple)
    : Exception($"The write-through of {tuple} did not complete: an earlier operation on the same tuple is queued and could not be sent yet. " +
        "The operation is kept in the outbox and will be retried; see WriteBehindCache.GetPendingOperationsAsync() for the last error.")
{
    /// <summary>The tuple that was written.</summary>
    public TupleKey Tuple { get; } = tuple;
}
