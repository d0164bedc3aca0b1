namespace TypedFga.Outbox;

/// <summary>What the outbox holds at one moment, by whether a flush could send it now.</summary>
/// <param name="Due">Operations a flush may send now.</param>
/// <param name="WaitingForRetry">Operations that failed and wait out their backoff.</param>
/// <param name="InFlight">Operations a flusher (this process or another) holds a live lease on.</param>
/// <param name="NextRetryAt">When the first of <paramref name="WaitingForRetry"/> is due again; null when none waits.</param>
/// <param name="LastError">The error of the most recently rescheduled operation still pending, if any.</param>
public readonly record struct OutboxBacklog(long Due, long WaitingForRetry, long InFlight, DateTimeOffset? NextRetryAt, string? LastError)
{
    /// <summary>Every pending operation.</summary>
    public long Total => Due + WaitingForRetry + InFlight;
}
