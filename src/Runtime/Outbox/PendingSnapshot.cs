namespace TypedFga.Outbox;

/// <summary>
/// The pending operations a check takes into account, as of one moment: every operation committed up to
/// <see cref="UpToSequence"/> that is still pending, and none committed later.
/// </summary>
/// <param name="UpToSequence">
/// The highest sequence number committed when the snapshot was taken. Reading again with this bound leaves out
/// what was committed since, so operations queued while a check runs never change what it considers.
/// </param>
/// <param name="Operations">The pending operations read, oldest first.</param>
/// <param name="IsComplete">False when there were more than the read's limit (then nothing can be ruled out).</param>
public sealed record PendingSnapshot(long UpToSequence, IReadOnlyList<PendingOperation> Operations, bool IsComplete);
