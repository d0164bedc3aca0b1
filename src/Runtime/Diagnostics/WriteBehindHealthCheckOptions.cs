namespace TypedFga.Diagnostics;

/// <summary>
/// When <see cref="WriteBehindHealthCheck"/> reports a problem. Set them through
/// <c>AddHealthChecks().AddFgaWriteBehind(options => ...)</c>; each registration has its own, named after it.
/// </summary>
public sealed class WriteBehindHealthCheckOptions
{
    /// <summary>
    /// The most operations the outbox may hold pending (in flight included) before the check reports it; a count
    /// above it is a problem. Null, the default, leaves the count unchecked: a backlog that drains is normal after
    /// a burst of writes, and one that does not drain shows in <see cref="MaxPendingAge"/>.
    /// </summary>
    public long? MaxPending { get; set; }

    /// <summary>
    /// The longest the oldest pending operation may wait before the check reports it (OpenFGA unreachable, or no
    /// flusher running). Null, the default, means <see cref="WriteBehindHealthCheck.StaleAfterIntervals"/> times
    /// the write-behind flush interval.
    /// </summary>
    public TimeSpan? MaxPendingAge { get; set; }

    /// <summary>
    /// Whether a single dead letter is a problem (the default). When false, dead letters are still counted in the
    /// check's data and description, but do not change its status.
    /// </summary>
    public bool ReportDeadLetters { get; set; } = true;
}
