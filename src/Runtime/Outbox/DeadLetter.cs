using TypedFga.Backends;

namespace TypedFga.Outbox;

/// <summary>Why an operation was given up on.</summary>
public enum DeadLetterReason
{
    /// <summary>OpenFGA refused the tuple itself (for example, it does not fit the model).</summary>
    Rejected = 1,

    /// <summary>It failed <see cref="Flushing.WriteBehindOptions.MaxAttempts"/> times.</summary>
    MaxAttemptsExceeded = 2,
}

/// <summary>
/// An operation that will not be sent again unless retried. It stays until it is retried, purged, or
/// superseded by a newer operation on the same tuple.
/// </summary>
/// <param name="Sequence">The operation's outbox sequence number.</param>
/// <param name="Kind">Grant (write) or revoke (delete).</param>
/// <param name="Tuple">The tuple, with its condition.</param>
/// <param name="Connection">The store (and model) it was meant for.</param>
/// <param name="EnqueuedAt">When Grant or Revoke stored it.</param>
/// <param name="Attempts">How many times it was sent.</param>
/// <param name="DeadLetteredAt">When it was given up on.</param>
/// <param name="Reason">Why it was given up on.</param>
/// <param name="ErrorCode">OpenFGA's error code (<c>validation_error</c> ...) when the server refused it.</param>
/// <param name="ErrorMessage">The server's message or the last failure's description.</param>
public sealed record DeadLetter(
    long Sequence,
    OutboxOperationKind Kind,
    TupleKey Tuple,
    FgaConnection Connection,
    DateTimeOffset EnqueuedAt,
    int Attempts,
    DateTimeOffset DeadLetteredAt,
    DeadLetterReason Reason,
    string? ErrorCode,
    string? ErrorMessage);
