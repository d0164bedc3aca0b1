using System.Diagnostics;
using TypedFga.Pipeline.Tests.Infrastructure;
using TypedFga.Tests;
using TypedFga.Typed;

namespace TypedFga.Pipeline.Tests.Hosting;

/// <summary>What the host's start and stop do: shutdown drain, start-up recovery, the default client.</summary>
[Collection(DefaultClientCollection.Name)]
public sealed class LifecycleTests(FgaServerFixture server) : IClassFixture<FgaServerFixture>, IDisposable
{
    public void Dispose() => server.Faults.Reset();

    [Fact]
    public async Task Stopping_the_host_sends_what_is_pending()
    {
        var store = await server.CreateStoreAsync();
        var host = await PipelineHost.StartAsync(server, store);
        await using (host)
        {
            for (var i = 0; i < 20; i++)
            {
                await host.Client.GrantAsync(Viewer(i));
            }

            Assert.Empty(await server.ReadTuplesAsync(store));
            await host.StopAsync();
            Assert.Equal(0, (await host.Cache.GetPendingCountAsync()).Total);
        }

        Assert.Equal(20, (await server.ReadTuplesAsync(store)).Count);
    }

    [Fact]
    public async Task Without_flush_on_shutdown_stopping_keeps_everything_pending()
    {
        var store = await server.CreateStoreAsync();
        var host = await PipelineHost.StartAsync(server, store, s => s["Fga:WriteBehind:FlushOnShutdown"] = "false");
        await using (host)
        {
            await host.Client.GrantAsync(Viewer(1));
            await host.StopAsync();
            Assert.Equal(1, (await host.Cache.GetPendingCountAsync()).Total);
        }

        Assert.Empty(await server.ReadTuplesAsync(store));
    }

    [Fact]
    public async Task What_the_shutdown_timeout_cuts_off_stays_durable_and_the_next_host_sends_it_at_start()
    {
        var store = await server.CreateStoreAsync();
        using var folder = new TempFolder();
        var settings = PipelineHost.Settings(server, store, folder.File("outbox.db"));
        settings["Fga:WriteBehind:MaxTuplesPerWrite"] = "5";
        settings["Fga:WriteBehind:MaxParallelRequests"] = "1";

        var first = PipelineHost.Build(settings, shutdownTimeout: TimeSpan.FromMilliseconds(400));
        await using (first)
        {
            await first.StartAsync();
            for (var i = 0; i < 20; i++)
            {
                await first.Client.GrantAsync(Viewer(i));
            }

            server.Faults.SetLatency(TimeSpan.FromMilliseconds(300));
            var clock = Stopwatch.StartNew();
            await first.StopAsync();
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"stop took {clock.Elapsed}");
        }

        server.Faults.Reset();
        var sent = (await server.ReadTuplesAsync(store)).Count;
        Assert.InRange(sent, 0, 15);
        using (var outbox = OpenOutbox(settings))
        {
            // Nothing was lost: what the server did not get is still in the outbox, due at once.
            Assert.Equal(20 - sent, (await outbox.GetPendingCountAsync()).Total);
        }

        var second = PipelineHost.Build(settings);
        await using (second)
        {
            await second.StartAsync();
            Assert.True(await Eventually.TrueAsync(async () => (await server.ReadTuplesAsync(store)).Count == 20));
            // OpenFGA holds a write before the flush that sent it acknowledges it in the outbox: wait for that too.
            Assert.True(await Eventually.TrueAsync(async () => (await second.Cache.GetPendingCountAsync()).Total == 0));
        }
    }

    [Fact]
    public async Task Starting_makes_the_host_the_default_client_and_stopping_steps_back()
    {
        var store = await server.CreateStoreAsync();
        var host = await PipelineHost.StartAsync(server, store);
        await using (host)
        {
            Assert.Same(host.Client, FgaClientContext.Current);
            await Fga.Document("typed").Editors.Grant(Fga.User("anne"));
            Assert.True(await Fga.Document("typed").CanEdit.Check(Fga.User("anne")));
            Assert.Equal(1, (await host.Cache.GetPendingCountAsync()).Total);

            await host.StopAsync();
            Assert.Throws<InvalidOperationException>(() => FgaClientContext.Current);
        }

        Assert.Equal(["document:typed#editor@user:anne"], await server.ReadTuplesAsync(store));
    }

    private static Outbox.SqliteOutboxStore OpenOutbox(IDictionary<string, string?> settings) =>
        new(settings["Fga:WriteBehind:Outbox"]!);

    private static TupleKey Viewer(int i) => new($"user:u{i}", "viewer", "document:lifecycle");
}
