using TypedFga.Flushing;

namespace TypedFga.AspNetCore.Contracts;

/// <summary>The answer of <c>GET status</c>.</summary>
internal sealed record StatusResponse(
    long Writes,
    long Deletes,
    long Total,
    double OldestPendingAgeSeconds,
    DateTimeOffset? OldestPendingEnqueuedAt,
    long DeadLetters,
    FlushSummary? LastFlush);

/// <summary>One flush as the endpoints show it: the answer of <c>POST flush</c> and the rows of <c>GET history</c>.</summary>
internal sealed record FlushSummary(
    DateTimeOffset CompletedAt,
    double DurationMs,
    int Operations,
    int Writes,
    int Deletes,
    int Failed,
    int DeadLettered,
    int Superseded,
    string Outcome,
    string? Error)
{
    public static FlushSummary Of(FlushHistoryEntry entry) => new(
        entry.CompletedAt,
        Math.Round(entry.Duration.TotalMilliseconds, 1),
        entry.Operations,
        entry.Result.Writes,
        entry.Result.Deletes,
        entry.Result.Failed,
        entry.Result.DeadLettered,
        entry.Result.Superseded,
        OutcomeName(entry.Outcome),
        entry.Error);

    public static string OutcomeName(FlushOutcome outcome) => outcome switch
    {
        FlushOutcome.Idle => "idle",
        FlushOutcome.Succeeded => "succeeded",
        FlushOutcome.PartlyFailed => "partly-failed",
        FlushOutcome.Failed => "failed",
        _ => outcome.ToString(),
    };
}

/// <summary>The answer of <c>GET history</c>: recent flushes (newest first) and backlog samples (oldest first).</summary>
internal sealed record HistoryResponse(
    double SampleIntervalSeconds,
    FlushSummary? LastFlush,
    IReadOnlyList<FlushSummary> Flushes,
    IReadOnlyList<BacklogPoint> Backlog);

/// <summary>One backlog sample: pending operations then, and what was sent and dead-lettered since the one before.</summary>
internal sealed record BacklogPoint(DateTimeOffset At, long Pending, long Sent, long DeadLettered);
