using Microsoft.Extensions.Time.Testing;
using TypedFga.Flushing;

namespace TypedFga.Runtime.Tests.Flushing;

public sealed class FlushHistoryTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private long _pending;

    [Fact]
    public void A_flush_is_recorded_with_its_time_counts_duration_and_outcome()
    {
        using var history = History();
        _time.Advance(TimeSpan.FromSeconds(1));

        history.Record(new FlushResult(Writes: 3, Deletes: 1, Failed: 0, DeadLettered: 0, Superseded: 2), TimeSpan.FromMilliseconds(40));

        var entry = Assert.Single(history.Snapshot().Flushes);
        Assert.Equal(Start.AddSeconds(1), entry.CompletedAt);
        Assert.Equal(TimeSpan.FromMilliseconds(40), entry.Duration);
        Assert.Equal((3, 1, 6), (entry.Result.Writes, entry.Result.Deletes, entry.Operations));
        Assert.Equal(FlushOutcome.Succeeded, entry.Outcome);
        Assert.Null(entry.Error);
        Assert.Same(entry, history.Snapshot().LastFlush);
    }

    [Theory]
    [InlineData(1, 0, 1, 0, FlushOutcome.PartlyFailed)]
    [InlineData(1, 0, 0, 1, FlushOutcome.PartlyFailed)]
    [InlineData(0, 1, 0, 0, FlushOutcome.Succeeded)]
    [InlineData(0, 0, 0, 0, FlushOutcome.Idle)]
    public void The_outcome_follows_what_the_flush_did(int writes, int deletes, int failed, int deadLettered, FlushOutcome expected)
    {
        using var history = History();

        history.Record(new FlushResult(writes, deletes, failed, deadLettered, Superseded: 0), TimeSpan.Zero);

        Assert.Equal(expected, history.Snapshot().LastFlush!.Outcome);
    }

    [Fact]
    public void Idle_flushes_update_the_last_flush_but_do_not_push_others_out_of_the_list()
    {
        using var history = History(flushCapacity: 2);
        history.Record(new FlushResult(1, 0, 0, 0, 0), TimeSpan.Zero);

        for (var i = 0; i < 10; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            history.Record(FlushResult.Empty, TimeSpan.Zero);
        }

        var snapshot = history.Snapshot();
        Assert.Equal(1, Assert.Single(snapshot.Flushes).Result.Writes);
        Assert.Equal((FlushOutcome.Idle, Start.AddSeconds(10)), (snapshot.LastFlush!.Outcome, snapshot.LastFlush.CompletedAt));
    }

    [Fact]
    public void A_failed_flush_keeps_a_shortened_error()
    {
        using var history = History();

        history.RecordFailure(new HttpRequestException(new string('x', 2_000)), TimeSpan.FromSeconds(2));

        var entry = history.Snapshot().Flushes[0];
        Assert.Equal(FlushOutcome.Failed, entry.Outcome);
        Assert.StartsWith("HttpRequestException: xxx", entry.Error, StringComparison.Ordinal);
        Assert.Equal(FlushHistory.MaxErrorLength, entry.Error!.Length);
        Assert.Equal(0, entry.Operations);
    }

    [Fact]
    public void The_list_keeps_the_newest_flushes_first_and_no_more_than_its_capacity()
    {
        using var history = History(flushCapacity: 3);

        for (var i = 1; i <= 5; i++)
        {
            history.Record(new FlushResult(Writes: i, 0, 0, 0, 0), TimeSpan.Zero);
        }

        Assert.Equal([5, 4, 3], history.Snapshot().Flushes.Select(f => f.Result.Writes));
    }

    [Fact]
    public void The_backlog_is_sampled_every_interval_with_the_throughput_since_the_sample_before()
    {
        using var history = History();
        _pending = 10;
        _time.Advance(TimeSpan.FromSeconds(5));
        history.Record(new FlushResult(Writes: 4, Deletes: 2, Failed: 0, DeadLettered: 1, Superseded: 0), TimeSpan.Zero);
        history.Record(new FlushResult(Writes: 1, 0, 0, 0, 0), TimeSpan.Zero);
        _pending = 3;
        _time.Advance(TimeSpan.FromSeconds(5));
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(
            [new(Start.AddSeconds(5), 10, 0, 0), new(Start.AddSeconds(10), 3, 7, 1), new BacklogSample(Start.AddSeconds(15), 3, 0, 0)],
            history.Snapshot().Backlog);
    }

    [Fact]
    public void Old_samples_make_room_for_new_ones()
    {
        using var history = History(sampleCapacity: 4);

        for (var i = 1; i <= 10; i++)
        {
            _pending = i;
            _time.Advance(FlushHistory.DefaultSampleInterval);
        }

        Assert.Equal([7L, 8L, 9L, 10L], history.Snapshot().Backlog.Select(s => s.Pending));
    }

    [Fact]
    public void Sampling_stops_when_disposed_and_the_record_stays_readable()
    {
        var history = History();
        _time.Advance(FlushHistory.DefaultSampleInterval);
        history.Dispose();

        _time.Advance(FlushHistory.DefaultSampleInterval * 3);

        Assert.Single(history.Snapshot().Backlog);
    }

    [Fact]
    public async Task Concurrent_recording_and_reading_lose_nothing_and_stay_within_capacity()
    {
        using var history = History(flushCapacity: 10);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                history.Record(new FlushResult(Writes: 1, 0, 0, 0, 0), TimeSpan.Zero);
                Assert.InRange(history.Snapshot().Flushes.Count, 1, 10);
            }
        })));
        _time.Advance(FlushHistory.DefaultSampleInterval);

        Assert.Equal(10, history.Snapshot().Flushes.Count);
        Assert.Equal(4_000, Assert.Single(history.Snapshot().Backlog).Sent);
    }

    [Fact]
    public void Capacities_and_interval_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FlushHistory(_time, () => 0, flushCapacity: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FlushHistory(_time, () => 0, sampleCapacity: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FlushHistory(_time, () => 0, sampleInterval: TimeSpan.Zero));
    }

    private FlushHistory History(int flushCapacity = FlushHistory.DefaultFlushCapacity, int sampleCapacity = FlushHistory.DefaultSampleCapacity) =>
        new(_time, () => Interlocked.Read(ref _pending), flushCapacity, sampleCapacity);
}
