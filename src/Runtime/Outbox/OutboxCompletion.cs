namespace TypedFga.Outbox;

/// <summary>What became of the operations of one claim; applied in one transaction.</summary>
internal sealed class OutboxCompletion
{
    public OutboxCompletion()
        : this([])
    {
    }

    /// <summary>A completion that acknowledges <paramref name="acknowledged"/>, taking over the list.</summary>
    public OutboxCompletion(List<long> acknowledged) => Acknowledged = acknowledged;

    /// <summary>Sent, or superseded by a later operation on the same tuple: removed.</summary>
    public List<long> Acknowledged { get; }

    /// <summary>Failed transiently: due again at the given time.</summary>
    public List<(long Sequence, string Error, DateTimeOffset NextAttemptAt)> Rescheduled { get; } = [];

    /// <summary>Not attempted (the lease was running out): due at once, the attempt not counted.</summary>
    public List<long> Released { get; } = [];

    /// <summary>Given up on.</summary>
    public List<(long Sequence, DeadLetterReason Reason, string? ErrorCode, string? ErrorMessage)> DeadLettered { get; } = [];

    public bool IsEmpty => Acknowledged.Count + Rescheduled.Count + Released.Count + DeadLettered.Count == 0;
}
