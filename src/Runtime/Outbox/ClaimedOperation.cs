using TypedFga.Backends;

namespace TypedFga.Outbox;

/// <summary>An operation a flusher has claimed and holds a lease on.</summary>
/// <param name="Sequence">Its sequence number.</param>
/// <param name="Kind">Grant or revoke.</param>
/// <param name="Tuple">The tuple.</param>
/// <param name="Connection">Where it is sent.</param>
/// <param name="Attempts">The attempts so far, this one included.</param>
/// <param name="TupleHash">The stored <see cref="Outbox.TupleHash"/> of its identity, which spares hashing the strings again.</param>
internal sealed record ClaimedOperation(
    long Sequence,
    OutboxOperationKind Kind,
    TupleKey Tuple,
    FgaConnection Connection,
    int Attempts,
    long TupleHash);
