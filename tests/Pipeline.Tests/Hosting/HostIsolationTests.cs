using TypedFga.Pipeline.Tests.Infrastructure;

namespace TypedFga.Pipeline.Tests.Hosting;

/// <summary>Two hosts in one process (two test servers, a web app and a worker) keep to themselves.</summary>
public sealed class HostIsolationTests(FgaServerFixture server) : IClassFixture<FgaServerFixture>
{
    [Fact]
    public async Task Each_host_flushes_its_own_outbox_on_its_own_schedule()
    {
        var firstStore = await server.CreateStoreAsync("first");
        var secondStore = await server.CreateStoreAsync("second");
        await using var first = await PipelineHost.StartAsync(server, firstStore, s => s["Fga:WriteBehind:FlushInterval"] = "00:00:00.200");
        await using var second = await PipelineHost.StartAsync(server, secondStore, s => s["Fga:WriteBehind:FlushInterval"] = "00:00:00.200");

        await first.Client.GrantAsync(new TupleKey("user:anne", "viewer", "document:one"));
        await second.Client.GrantAsync(new TupleKey("user:bob", "viewer", "document:two"));

        Assert.True(await Eventually.TrueAsync(async () => (await server.ReadTuplesAsync(firstStore)).Count == 1));
        Assert.True(await Eventually.TrueAsync(async () => (await server.ReadTuplesAsync(secondStore)).Count == 1));
        Assert.Equal(["document:one#viewer@user:anne"], await server.ReadTuplesAsync(firstStore));
        Assert.Equal(["document:two#viewer@user:bob"], await server.ReadTuplesAsync(secondStore));

        // Stopping one host leaves the other's schedule running.
        await first.StopAsync();
        await second.Client.GrantAsync(new TupleKey("user:carl", "viewer", "document:two"));
        Assert.True(await Eventually.TrueAsync(async () => (await server.ReadTuplesAsync(secondStore)).Count == 2));
        Assert.Equal(0, (await first.Cache.GetPendingCountAsync()).Total);
    }

    [Fact]
    public async Task Operations_of_one_host_never_appear_in_the_other()
    {
        var firstStore = await server.CreateStoreAsync("first");
        var secondStore = await server.CreateStoreAsync("second");
        await using var first = await PipelineHost.StartAsync(server, firstStore);
        await using var second = await PipelineHost.StartAsync(server, secondStore);

        await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
        {
            await first.Client.GrantAsync(new TupleKey($"user:a{i}", "viewer", "document:one"));
            await second.Client.RevokeAsync(new TupleKey($"user:b{i}", "viewer", "document:two"));
        }));

        var firstPending = await first.Cache.GetPendingOperationsAsync();
        var secondPending = await second.Cache.GetPendingOperationsAsync();
        Assert.Equal(50, firstPending.Count);
        Assert.All(firstPending, op => Assert.Equal(firstStore, op.Connection.StoreId));
        Assert.Equal(50, secondPending.Count);
        Assert.All(secondPending, op => Assert.Equal(secondStore, op.Connection.StoreId));
    }
}
