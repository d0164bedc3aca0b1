using System.Collections.Concurrent;

namespace TypedFga.Runtime.Tests.OpenFga.Fakes;

/// <summary>
/// A clock for the retry pipeline that makes waits between retries instant but records them, and whose
/// "now" can be moved forward. Timers of exactly <see cref="RealTimeDuration"/> (the per-attempt timeout)
/// run on real time, so a hanging response still times out; retry delays are jittered or come from
/// Retry-After, and tests choose them different from the timeout.
/// </summary>
internal sealed class TestClock(TimeSpan realTimeDuration) : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _delays = new();
    private long _offsetTicks;

    public TimeSpan RealTimeDuration { get; } = realTimeDuration;

    /// <summary>The waits that were skipped, in order.</summary>
    public IReadOnlyList<TimeSpan> Delays => _delays.ToArray();

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var instant = dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan && dueTime != RealTimeDuration
            && period == Timeout.InfiniteTimeSpan;
        if (!instant)
        {
            return new RealTimer(this, System.CreateTimer(callback, state, dueTime, period));
        }

        _delays.Enqueue(dueTime);
        return System.CreateTimer(callback, state, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    /// <summary>A real timer, except that re-arming it with a short delay is recorded and instant too.</summary>
    private sealed class RealTimer(TestClock clock, ITimer inner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan && dueTime != clock.RealTimeDuration)
            {
                clock._delays.Enqueue(dueTime);
                return inner.Change(TimeSpan.Zero, period);
            }

            return inner.Change(dueTime, period);
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
