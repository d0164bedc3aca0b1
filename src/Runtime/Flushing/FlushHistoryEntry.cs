namespace TypedFga.Flushing;

/// <summary>One completed flush, as <see cref="FlushHistory"/> keeps it.</summary>
/// <param name="CompletedAt">When the flush ended.</param>
/// <param name="Duration">How long it took.</param>
/// <param name="Result">What it did; <see cref="FlushResult.Empty"/> when it threw.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Error">Why it threw (the exception's type and message, shortened), when it did.</param>
public sealed record FlushHistoryEntry(
    DateTimeOffset CompletedAt,
    TimeSpan Duration,
    FlushResult Result,
    FlushOutcome Outcome,
    string? Error)
{
    /// <summary>Every operation the flush handled: sent, rescheduled, dead-lettered or superseded.</summary>
    public int Operations => Result.Writes + Result.Deletes + Result.Failed + Result.DeadLettered + Result.Superseded;

    /// <summary>How a flush that returned <paramref name="result"/> ended.</summary>
    public static FlushOutcome OutcomeOf(FlushResult result) =>
        result.Failed + result.DeadLettered > 0 ? FlushOutcome.PartlyFailed
        : result.Sent + result.Superseded > 0 ? FlushOutcome.Succeeded
        : FlushOutcome.Idle;
}
