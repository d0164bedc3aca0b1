using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using TypedFga.Diagnostics;
using TypedFga.Runtime.Tests.Outbox;

namespace TypedFga.Runtime.Tests.Diagnostics;

/// <summary>
/// The dead letter and oldest pending age gauges: read in the background, never from the collector's callback,
/// and never throwing into it.
/// </summary>
public sealed class OutboxGaugeTests : IDisposable
{
    private const string DeadLetters = "typedfga.outbox.dead_letters";
    private const string OldestPendingAge = "typedfga.outbox.oldest_pending_age";

    private readonly TempOutbox _outbox = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FgaMetrics _metrics;
    private readonly MeterRecorder _recorder;

    public OutboxGaugeTests()
    {
        var meterFactory = _services.GetRequiredService<IMeterFactory>();
        _metrics = new FgaMetrics(meterFactory, _outbox.Store);
        _recorder = new MeterRecorder(meterFactory);
    }

    [Fact]
    public async Task The_first_collection_starts_a_read_and_reports_nothing_until_it_is_done()
    {
        var first = _recorder.Observe();

        Assert.False(first.ContainsKey(DeadLetters));
        Assert.False(first.ContainsKey(OldestPendingAge));
        Assert.Equal(0, first["typedfga.outbox.pending"]);
        await _metrics.GaugeRefresh;
        var second = _recorder.Observe();
        Assert.Equal(0, second[DeadLetters]);
        Assert.Equal(0, second[OldestPendingAge]);
    }

    [Fact]
    public async Task Appends_are_read_on_a_later_collection_and_the_age_grows_between_reads()
    {
        await ReadOnce();
        await Grant("anne");
        var unread = _metrics.GaugeRefresh;
        _outbox.Time.Advance(TimeSpan.FromMilliseconds(500));

        // Within a second of the last read, appends alone do not start another.
        Assert.Equal(0, _recorder.Observe()[OldestPendingAge]);
        Assert.Same(unread, _metrics.GaugeRefresh);

        _outbox.Time.Advance(TimeSpan.FromMilliseconds(500));
        // This collection starts the read in the background; the second gauge of the same collection may already
        // see its result, so only the start is asserted here.
        _recorder.Observe();
        Assert.NotSame(unread, _metrics.GaugeRefresh);
        await _metrics.GaugeRefresh;
        Assert.Equal(1, _recorder.Observe()[OldestPendingAge]);

        var read = _metrics.GaugeRefresh;
        _outbox.Time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(4, _recorder.Observe()[OldestPendingAge]);
        Assert.Same(read, _metrics.GaugeRefresh);
    }

    [Fact]
    public async Task A_recorded_flush_reads_the_dead_letters_and_the_emptied_outbox_at_once()
    {
        await ReadOnce();
        var backend = new FakeFgaBackend();
        backend.Reject("user:bob", "viewer", "document:1", "type 'document' has no relation 'viewer'");
        await Grant("anne");
        await Grant("bob");
        _outbox.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(0, _recorder.Observe()[DeadLetters]);
        await _metrics.GaugeRefresh;
        Assert.Equal(30, _recorder.Observe()[OldestPendingAge]);

        var result = await _outbox.CreateFlusher(backend).FlushAsync();
        _metrics.Flushed(result, TimeSpan.FromMilliseconds(3));
        await _metrics.GaugeRefresh;

        Assert.Equal((1, 1), (result.Writes, result.DeadLettered));
        var observed = _recorder.Observe();
        Assert.Equal(1, observed[DeadLetters]);
        Assert.Equal(0, observed[OldestPendingAge]);
    }

    [Fact]
    public async Task Changes_made_by_another_process_show_once_the_last_read_is_five_seconds_old()
    {
        await ReadOnce();
        var elsewhere = _outbox.OpenStore();
        var backend = new FakeFgaBackend();
        backend.Reject("user:anne", "viewer", "document:1", "type 'document' has no relation 'viewer'");
        await elsewhere.GrantAsync(TempOutbox.Connection, new TupleKey("user:anne", "viewer", "document:1"));
        await _outbox.CreateFlusher(backend, elsewhere).FlushAsync();

        _outbox.Time.Advance(OutboxGauges.MaxSnapshotAge - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, _recorder.Observe()[DeadLetters]);
        _outbox.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, _recorder.Observe()[DeadLetters]);
        await _metrics.GaugeRefresh;

        Assert.Equal(1, _recorder.Observe()[DeadLetters]);
    }

    [Fact]
    public async Task Flushes_read_nothing_while_no_one_collects_the_gauges()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var metrics = new FgaMetrics(services.GetRequiredService<IMeterFactory>(), _outbox.Store);
        var idle = metrics.GaugeRefresh;

        var result = await _outbox.CreateFlusher(new FakeFgaBackend()).FlushAsync();
        metrics.Flushed(result, TimeSpan.FromMilliseconds(1));

        Assert.Same(idle, metrics.GaugeRefresh);
    }

    [Fact]
    public async Task A_failing_outbox_makes_the_gauges_absent_without_throwing_into_the_collector()
    {
        await Grant("anne");
        await ReadOnce();
        using (var connection = new SqliteConnection($"Data Source={_outbox.FilePath}"))
        {
            connection.Open();
            using var drop = connection.CreateCommand();
            drop.CommandText = "DROP TABLE outbox_dead_letters";
            drop.ExecuteNonQuery();
        }

        _outbox.Time.Advance(OutboxGauges.MaxSnapshotAge);
        var beforeRead = _recorder.Observe();
        await _metrics.GaugeRefresh;
        var afterRead = _recorder.Observe();

        Assert.Equal(0, beforeRead[DeadLetters]);
        Assert.False(afterRead.ContainsKey(DeadLetters));
        Assert.False(afterRead.ContainsKey(OldestPendingAge));
        Assert.Equal(1, afterRead["typedfga.outbox.pending"]);
    }

    [Fact]
    public async Task A_disposed_outbox_reports_nothing_and_does_not_throw_into_the_collector()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meterFactory = services.GetRequiredService<IMeterFactory>();
        var closed = _outbox.OpenStore();
        closed.Dispose();
        using var metrics = new FgaMetrics(meterFactory, closed);
        using var recorder = new MeterRecorder(meterFactory);

        recorder.Observe();
        await metrics.GaugeRefresh;
        metrics.Flushed(default, TimeSpan.Zero);
        await metrics.GaugeRefresh;
        var observed = recorder.Observe();

        Assert.False(observed.ContainsKey(DeadLetters));
        Assert.False(observed.ContainsKey(OldestPendingAge));
        Assert.Equal(0, observed["typedfga.outbox.pending"]);
    }

    public void Dispose()
    {
        _recorder.Dispose();
        _metrics.Dispose();
        _services.Dispose();
        _outbox.Dispose();
    }

    private Task Grant(string user) => _outbox.Store.GrantAsync(TempOutbox.Connection, new TupleKey($"user:{user}", "viewer", "document:1"));

    private async Task ReadOnce()
    {
        _recorder.Observe();
        await _metrics.GaugeRefresh;
        Assert.True(_recorder.Observe().ContainsKey(DeadLetters));
    }
}
