using TypedFga.Backends;
using TypedFga.Flushing;
using TypedFga.Outbox;
using TypedFga.Pipeline.Tests.Infrastructure;

namespace TypedFga.Pipeline.Tests.Hosting;

/// <summary>
/// <see cref="TypedFga.Hosting.WriteBehindCache.DrainAsync"/>: flushes until nothing due is pending, stops on what keeps
/// failing, waits for a flush already running, and can be cancelled without losing anything.
/// </summary>
public sealed class DrainTests(FgaServerFixture server) : IClassFixture<FgaServerFixture>, IDisposable
{
    public void Dispose() => server.Faults.Reset();

    [Fact]
    public async Task A_backlog_larger_than_one_batch_drains_completely()
    {
        var store = await server.CreateStoreAsync();
        // Claims of 20 operations at a time: 500 take many rounds.
        await using var host = await PipelineHost.StartAsync(server, store, s =>
        {
            s["Fga:WriteBehind:MaxTuplesPerWrite"] = "10";
            s["Fga:WriteBehind:MaxParallelRequests"] = "2";
        });
        await EnqueueAsync(host, store, 500);

        var drained = await host.Cache.DrainAsync();

        Assert.Equal(DrainStop.Empty, drained.Stop);
        Assert.Equal(500, drained.Flushed.Writes);
        Assert.Equal(0, drained.Left.Total);
        Assert.Equal(500, (await server.ReadTuplesAsync(store)).Count);
    }

    [Fact]
    public async Task A_tuple_that_keeps_failing_with_no_backoff_stops_the_drain_instead_of_looping()
    {
        var store = await server.CreateStoreAsync();
        await using var host = await PipelineHost.StartAsync(server, store, s => s["Fga:WriteBehind:Backoff:0"] = "00:00:00");
        await EnqueueAsync(host, store, 1);
        server.Faults.FailNext(1_000, 503, "unavailable", "down", request => request.Path.Value!.Contains(store, StringComparison.Ordinal));

        var drained = await host.Cache.DrainAsync().WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(DrainStop.NoProgress, drained.Stop);
        Assert.Equal(1, drained.Flushes);
        Assert.Equal(1, drained.Flushed.Failed);
        Assert.Equal(1, drained.Left.Due);
        Assert.Equal("unavailable: down", drained.Left.LastError);
    }

    [Fact]
    public async Task What_waits_out_a_backoff_is_left_and_counted_with_its_next_retry()
    {
        var store = await server.CreateStoreAsync();
        await using var host = await PipelineHost.StartAsync(server, store, s => s["Fga:WriteBehind:Backoff:0"] = "00:10:00");
        await EnqueueAsync(host, store, 3);
        server.Faults.FailNext(1, 503, "unavailable", "down", request => request.Path.Value!.EndsWith("/write", StringComparison.Ordinal));

        var drained = await host.Cache.DrainAsync();

        Assert.Equal(DrainStop.NothingDue, drained.Stop);
        Assert.Equal(3, drained.Left.WaitingForRetry);
        Assert.Equal(0, drained.Left.Due);
        Assert.True(drained.Left.NextRetryAt > DateTimeOffset.UtcNow.AddMinutes(9), $"next retry at {drained.Left.NextRetryAt}");
    }

    [Fact]
    public async Task Cancelling_stops_it_and_leaves_what_was_not_sent_pending_and_due()
    {
        var store = await server.CreateStoreAsync();
        await using var host = await PipelineHost.StartAsync(server, store, s =>
        {
            s["Fga:WriteBehind:MaxTuplesPerWrite"] = "10";
            s["Fga:WriteBehind:MaxParallelRequests"] = "1";
        });
        await EnqueueAsync(host, store, 200);
        server.Faults.SetLatency(TimeSpan.FromMilliseconds(100));
        using var cancel = new CancellationTokenSource();

        // Cancelled once the outbox shows progress, not after a fixed time: on a loaded machine the first Write may not
        // have come back by then. Twenty chunks of 100 ms leave the drain far from done when it is cancelled.
        var drain = host.Cache.DrainAsync(cancel.Token);
        Assert.True(await Eventually.TrueAsync(async () => (await host.Outbox.GetBacklogAsync()).Total < 200, TimeSpan.FromSeconds(10)));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => drain);
        server.Faults.Reset();

        var left = await host.Outbox.GetBacklogAsync();
        Assert.InRange(left.Total, 1, 199);
        Assert.Equal(0, left.InFlight);
        // Nothing is lost. A Write the server had received when the drain was cancelled may still land there, while its
        // operations stay pending and are sent again (harmlessly: writes ignore duplicates): one chunk at most.
        Assert.InRange(left.Total + (await server.ReadTuplesAsync(store)).Count, 200, 210);
    }

    [Fact]
    public async Task It_waits_for_the_start_up_recovery_flush_rather_than_racing_it()
    {
        var store = await server.CreateStoreAsync();
        using var folder = new TempFolder();
        var outbox = folder.File("outbox.db");
        await Cli.CliRun.EnqueueAsync(outbox, store, Enumerable.Range(0, 50)
            .Select(i => (OutboxOperationKind.Grant, new TupleKey($"user:u{i}", "viewer", "document:recovered"))).ToArray());
        // The recovery flush holds its operations' leases while its one request waits.
        server.Faults.SetLatency(TimeSpan.FromMilliseconds(500));
        await using var host = PipelineHost.Build(PipelineHost.Settings(server, store, outbox));
        await host.StartAsync();

        var drained = await host.Cache.DrainAsync();

        Assert.Equal(DrainStop.Empty, drained.Stop);
        Assert.Equal(0, drained.Left.Total);
        Assert.Equal(50, (await server.ReadTuplesAsync(store)).Count);
    }

    private static async Task EnqueueAsync(PipelineHost host, string store, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await host.Outbox.EnqueueAsync(new FgaConnection("default", store, null), OutboxOperationKind.Grant, new TupleKey($"user:u{i}", "viewer", "document:drained"));
        }
    }
}
