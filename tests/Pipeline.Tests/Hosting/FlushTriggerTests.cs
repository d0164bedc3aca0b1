using TypedFga.Pipeline.Tests.Infrastructure;

namespace TypedFga.Pipeline.Tests.Hosting;

/// <summary>Every flush trigger an application configures starts a flush, and flushes never overlap.</summary>
public sealed class FlushTriggerTests(FgaServerFixture server) : IClassFixture<FgaServerFixture>, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(8);

    public void Dispose() => server.Faults.Reset();

    [Fact]
    public async Task Reaching_the_batch_size_starts_a_flush_at_once()
    {
        var store = await server.CreateStoreAsync();
        await using var host = await PipelineHost.StartAsync(server, store, s => s["Fga:WriteBehind:BatchSize"] = "5");

        for (var i = 0; i < 4; i++)
        {
            await host.Client.GrantAsync(Viewer(i));
        }

        await Task.Delay(200);
        Assert.Empty(server.Writes.For(store));

        await host.Client.GrantAsync(Viewer(4));
        Assert.True(await Eventually.TrueAsync(async () => (await server.ReadTuplesAsync(store)).Count == 5, Patience));
        Assert.True(await Eventually.TrueAsync(async () => (await host.Cache.GetPendingCountAsync()).Total == 0, Patience));
    }

    [Fact]
    public async Task The_flush_interval_flushes_on_a_Quartz_schedule()
    {
        var store = await server.CreateStoreAsync();
        await using var host = await PipelineHost.StartAsync(server, store, s => s["Fga:WriteBehind:FlushInterval"] = "00:00:00.200");

        await host.Client.GrantAsync(Viewer(1));
        Assert.True(await Eventually.TrueAsync(async () => (await server.ReadTuplesAsync(store)).Count == 1, Patience));

        await host.Client.GrantAsync(Viewer(2));
        Assert.True(await Eventually.TrueAsync(async () => (await server.ReadTuplesAsync(store)).Count == 2, Patience));
    }

    [Theory]
    [InlineData("Fga:WriteBehind:PeriodicFlush")]
    [InlineData("Quartz:FgaWriteBehindFlush:CronSchedule")]
    public async Task A_cron_schedule_from_configuration_flushes(string key)
    {
        var store = await server.CreateStoreAsync();
        await using var host = await PipelineHost.StartAsync(server, store, s => s[key] = "* * * * * ?");

        await host.Client.GrantAsync(Viewer(1));

        Assert.True(await Eventually.TrueAsync(async () => (await server.ReadTuplesAsync(store)).Count == 1, Patience));
    }

    [Fact]
    public async Task Flushes_never_overlap_within_a_process()
    {
        var store = await server.CreateStoreAsync();
        await using var host = await PipelineHost.StartAsync(server, store, s =>
        {
            s["Fga:WriteBehind:BatchSize"] = "10";
            s["Fga:WriteBehind:FlushInterval"] = "00:00:00.050";
            s["Fga:WriteBehind:PeriodicFlush"] = "* * * * * ?";
            s["Fga:WriteBehind:MaxParallelRequests"] = "1";
            s["Fga:WriteBehind:MaxTuplesPerWrite"] = "5";
        });
        server.Faults.SetLatency(TimeSpan.FromMilliseconds(20));

        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                await host.Client.GrantAsync(new TupleKey($"user:w{w}u{i}", "viewer", "document:busy"));
                if (i % 10 == 0)
                {
                    await host.Cache.FlushAsync();
                }
            }
        }));
        await Task.WhenAll(writers);
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => host.Cache.FlushAsync()));

        Assert.True(await Eventually.TrueAsync(async () => (await server.ReadTuplesAsync(store)).Count == 160, Patience));
        // One request in flight at a time per flush, and one flush at a time: never two requests at once.
        Assert.Equal(1, server.Writes.MaxConcurrency(store));
    }

    private static TupleKey Viewer(int i) => new($"user:u{i}", "viewer", "document:triggered");
}
