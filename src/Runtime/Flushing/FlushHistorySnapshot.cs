namespace TypedFga.Flushing;

/// <summary>A copy of the recent flush history, safe to keep and serialize.</summary>
/// <param name="LastFlush">The last flush of this process, idle ones included; null before the first.</param>
/// <param name="Flushes">The recent flushes that handled operations or threw, newest first.</param>
/// <param name="Backlog">The recent backlog samples, oldest first.</param>
/// <param name="SampleInterval">The time between two backlog samples.</param>
public sealed record FlushHistorySnapshot(
    FlushHistoryEntry? LastFlush,
    IReadOnlyList<FlushHistoryEntry> Flushes,
    IReadOnlyList<BacklogSample> Backlog,
    TimeSpan SampleInterval);
