using TypedFga.Outbox;

namespace TypedFga.AspNetCore.Contracts;

/// <summary>A page of a listing.</summary>
internal sealed record Page<T>(int Offset, int Limit, long Total, IReadOnlyList<T> Items);

/// <summary>
/// A pending operation. The condition's context is left out: it may hold request data the operators need not see.
/// </summary>
internal sealed record PendingItem(
    long Sequence,
    string Kind,
    string Tuple,
    string Store,
    DateTimeOffset EnqueuedAt,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? LastError,
    bool InFlight)
{
    public static PendingItem Of(PendingOperation operation) => new(
        operation.Sequence,
        KindName(operation.Kind),
        operation.Tuple.ToString(),
        operation.Connection.Name,
        operation.EnqueuedAt,
        operation.Attempts,
        operation.NextAttemptAt,
        operation.LastError,
        operation.InFlight);

    public static string KindName(OutboxOperationKind kind) => kind == OutboxOperationKind.Grant ? "write" : "delete";
}

/// <summary>A dead letter, with why it was given up on.</summary>
internal sealed record DeadLetterItem(
    long Sequence,
    string Kind,
    string Tuple,
    string Store,
    DateTimeOffset EnqueuedAt,
    int Attempts,
    DateTimeOffset DeadLetteredAt,
    string Reason,
    string? ErrorCode,
    string? ErrorMessage)
{
    public static DeadLetterItem Of(DeadLetter letter) => new(
        letter.Sequence,
        PendingItem.KindName(letter.Kind),
        letter.Tuple.ToString(),
        letter.Connection.Name,
        letter.EnqueuedAt,
        letter.Attempts,
        letter.DeadLetteredAt,
        letter.Reason == DeadLetterReason.Rejected ? "rejected" : "max-attempts-exceeded",
        letter.ErrorCode,
        letter.ErrorMessage);
}
