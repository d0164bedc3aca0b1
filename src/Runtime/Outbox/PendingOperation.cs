using TypedFga.Backends;

namespace TypedFga.Outbox;

/// <summary>An operation waiting in the outbox.</summary>
/// <param name="Sequence">Its position in the outbox; later operations have larger numbers.</param>
/// <param name="Kind">Grant (write) or revoke (delete).</param>
/// <param name="Tuple">The tuple, with its condition.</param>
/// <param name="Connection">The store (and model) it is sent to.</param>
/// <param name="EnqueuedAt">When Grant or Revoke stored it.</param>
/// <param name="Attempts">How many flushes have tried to send it.</param>
/// <param name="NextAttemptAt">
/// When a flush may send it next; while <paramref name="InFlight"/>, the end of the flusher's lease.
/// </param>
/// <param name="LastError">Why the last attempt failed, if it did.</param>
/// <param name="InFlight">True while a flusher holds it (a live lease).</param>
public sealed record PendingOperation(
    long Sequence,
    OutboxOperationKind Kind,
    TupleKey Tuple,
    FgaConnection Connection,
    DateTimeOffset EnqueuedAt,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? LastError,
    bool InFlight);
