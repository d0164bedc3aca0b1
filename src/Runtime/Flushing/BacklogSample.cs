namespace TypedFga.Flushing;

/// <summary>The backlog at one moment, and the flushes' throughput since the sample before it.</summary>
/// <param name="At">When the sample was taken.</param>
/// <param name="Pending">Operations waiting in the outbox, as this process counts them.</param>
/// <param name="Sent">Tuples written or deleted by this process's flushes since the previous sample.</param>
/// <param name="DeadLettered">Operations that became dead letters since the previous sample.</param>
public readonly record struct BacklogSample(DateTimeOffset At, long Pending, long Sent, long DeadLettered);
