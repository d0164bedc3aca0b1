namespace TypedFga.Flushing;

/// <summary>Counts what a flush did; updated by parallel senders.</summary>
internal sealed class FlushTally
{
    private int _writes;
    private int _deletes;
    private int _failed;
    private int _deadLettered;
    private int _superseded;

    public void AddWrites(int count) => Interlocked.Add(ref _writes, count);

    public void AddDeletes(int count) => Interlocked.Add(ref _deletes, count);

    public void AddFailed(int count) => Interlocked.Add(ref _failed, count);

    public void AddDeadLettered(int count) => Interlocked.Add(ref _deadLettered, count);

    public void AddSuperseded(int count) => Interlocked.Add(ref _superseded, count);

    /// <summary>Failed operations that turned out superseded when their outcome was recorded: counted as superseded.</summary>
    public void FailedWereSuperseded(int count)
    {
        Interlocked.Add(ref _failed, -count);
        Interlocked.Add(ref _superseded, count);
    }

    public FlushResult ToResult() => new(
        Volatile.Read(ref _writes),
        Volatile.Read(ref _deletes),
        Volatile.Read(ref _failed),
        Volatile.Read(ref _deadLettered),
        Volatile.Read(ref _superseded));
}
