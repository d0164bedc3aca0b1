namespace TypedFga.Outbox;

/// <summary>Raised after operations were committed to the outbox by this process.</summary>
/// <param name="appended">How many operations the commit appended.</param>
/// <param name="pendingEstimate">This process's estimate of the pending operations after the commit.</param>
public sealed class OutboxAppendedEventArgs(int appended, long pendingEstimate) : EventArgs
{
    /// <summary>How many operations the commit appended.</summary>
    public int Appended { get; } = appended;

    /// <summary>
    /// The pending operations after the commit, as this process counts them: the count read at start-up plus
    /// what this process appended, minus what it flushed, cleared or dead-lettered. Operations added or flushed
    /// by other processes sharing the file are not included; use <see cref="OutboxStore.GetPendingCountAsync"/>
    /// for the exact figure.
    /// </summary>
    public long PendingEstimate { get; } = pendingEstimate;
}
