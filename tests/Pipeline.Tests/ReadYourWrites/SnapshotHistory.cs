using System.Collections.Concurrent;

namespace TypedFga.Pipeline.Tests.ReadYourWrites;

/// <summary>
/// One grant (<paramref name="Variant"/> is the condition's index in the slot) or revoke (<paramref name="Variant"/> is
/// -1): <paramref name="Started"/> is its place among the writes as they were called, <paramref name="Acknowledged"/>
/// its place among them as they returned.
/// </summary>
public sealed record WriteRecord(int Round, int Caller, int Operation, int Slot, int Variant, long Started, long Acknowledged);

/// <summary>
/// One check: how many writes had been acknowledged when it began, how many had been started when it ended, and
/// what it answered; <paramref name="Path"/> says how the client came to the answer, as its trace tells (for failure
/// messages only).
/// </summary>
public sealed record CheckRecord(int Round, int Caller, int Operation, int Check, long AcknowledgedBefore, long StartedBefore, bool Allowed, string? Path);

/// <summary>
/// What the concurrent callers did, positioned on two global counters: one counts writes as they are called, the
/// other as they return. A check began after every write whose acknowledgement it counted, and ended before every
/// write it did not count as started.
/// </summary>
public sealed class SnapshotHistory
{
    private readonly List<WriteRecord>[] _bySlot;
    private readonly ConcurrentQueue<CheckRecord> _checks = new();
    private long _started;
    private long _acknowledged;

    public SnapshotHistory(int slots) => _bySlot = Enumerable.Range(0, slots).Select(_ => new List<WriteRecord>()).ToArray();

    /// <summary>Call right before a grant or revoke is called.</summary>
    public long BeginWrite() => Interlocked.Increment(ref _started);

    /// <summary>Call right after a grant or revoke returned.</summary>
    public WriteRecord EndWrite(int round, int caller, int operation, int slot, int variant, long started)
    {
        var record = new WriteRecord(round, caller, operation, slot, variant, started, Interlocked.Increment(ref _acknowledged));
        var writes = _bySlot[slot];
        lock (writes)
        {
            writes.Add(record);
        }

        return record;
    }

    /// <summary>Call right before a check is called; pass the result to <see cref="Record"/>.</summary>
    public long BeginCheck() => Interlocked.Read(ref _acknowledged);

    /// <summary>Call right after a check returned; pass the result to <see cref="Record"/>.</summary>
    public long EndCheck() => Interlocked.Read(ref _started);

    public void Record(CheckRecord check) => _checks.Enqueue(check);

    /// <summary>The checks recorded since the last call.</summary>
    public List<CheckRecord> TakeChecks()
    {
        var taken = new List<CheckRecord>();
        while (_checks.TryDequeue(out var check))
        {
            taken.Add(check);
        }

        return taken;
    }

    /// <summary>
    /// The writes of <paramref name="slot"/> in the order they were made. Each slot is written by one caller, one
    /// write at a time, so this order is both the call order and the return order.
    /// </summary>
    public IReadOnlyList<WriteRecord> WritesOf(int slot)
    {
        var writes = _bySlot[slot];
        lock (writes)
        {
            return writes.ToList();
        }
    }

    /// <summary>What the last write of each slot left (-1: absent); meaningful once no write is in flight.</summary>
    public int[] FinalState() => Enumerable.Range(0, _bySlot.Length).Select(slot => WritesOf(slot) is [.., var last] ? last.Variant : -1).ToArray();
}
