using TypedFga.Pipeline.Tests.Infrastructure;

namespace TypedFga.Pipeline.Tests.EndToEnd;

/// <summary>Two hosts flushing one outbox file: nothing is sent twice and nothing is lost.</summary>
public sealed class SharedOutboxTests(FgaServerFixture server) : IClassFixture<FgaServerFixture>, IDisposable
{
    public void Dispose() => server.Faults.Reset();

    [Fact]
    public async Task Two_hosts_flushing_one_outbox_at_once_send_every_operation_exactly_once()
    {
        var store = await server.CreateStoreAsync();
        using var folder = new TempFolder();
        var outbox = folder.File("shared.db");
        await using var first = await StartAsync(store, outbox);
        await using var second = await StartAsync(store, outbox);
        server.Faults.SetLatency(TimeSpan.FromMilliseconds(5));

        var expected = new List<string>();
        for (var i = 0; i < 300; i++)
        {
            var tuple = new TupleKey($"user:u{i}", "viewer", $"document:d{i % 17}");
            await (i % 2 == 0 ? first : second).Client.GrantAsync(tuple);
            expected.Add(tuple.ToString());
        }

        var flushes = Enumerable.Range(0, 6).Select(i => (i % 2 == 0 ? first : second).Cache.FlushAsync()).ToList();
        var results = await Task.WhenAll(flushes);
        server.Faults.Reset();
        // A flush that found every tuple leased by the other host leaves nothing behind it.
        await first.Cache.FlushAsync();

        var sent = server.Writes.For(store).SelectMany(r => r.Writes).ToList();
        Assert.Equal(sent.Count, sent.Distinct(StringComparer.Ordinal).Count());
        expected.Sort(StringComparer.Ordinal);
        Assert.Equal(expected, sent.Order(StringComparer.Ordinal));
        Assert.Equal(expected, await server.ReadTuplesAsync(store));
        Assert.Equal(300, results.Sum(r => r.Writes));
        Assert.Equal(0, (await first.Cache.GetPendingCountAsync()).Total);
        Assert.True(results.Count(r => r.Writes > 0) >= 2, "both hosts took part: " + string.Join(", ", results.Select(r => r.Writes)));
    }

    private async Task<PipelineHost> StartAsync(string store, string outbox)
    {
        var settings = PipelineHost.Settings(server, store, outbox);
        settings["Fga:WriteBehind:MaxTuplesPerWrite"] = "10";
        settings["Fga:WriteBehind:MaxParallelRequests"] = "2";
        var host = PipelineHost.Build(settings);
        await host.StartAsync();
        return host;
    }
}
