using TypedFga.Pipeline.Tests.Infrastructure;

namespace TypedFga.Pipeline.Tests.EndToEnd;

/// <summary>Per tuple the last operation wins, within a flush and across flushes, over real HTTP.</summary>
public sealed class CoalescingTests(FgaServerFixture server) : IClassFixture<FgaServerFixture>
{
    private static readonly TupleKey Anne = new("user:anne", "editor", "document:roadmap");
    private const string AnneText = "document:roadmap#editor@user:anne";

    [Fact]
    public async Task Grant_then_revoke_sends_one_delete()
    {
        var store = await server.CreateStoreAsync();
        await server.SeedAsync(store, Anne);
        await using var host = await PipelineHost.StartAsync(server, store);

        await host.Client.GrantAsync(Anne);
        await host.Client.RevokeAsync(Anne);
        // The outbox keeps one operation per tuple: the revoke replaced the grant when it was stored.
        Assert.Equal(new(0, 1), await host.Cache.GetPendingCountAsync());
        var result = await host.Cache.FlushAsync();

        var request = Assert.Single(server.Writes.For(store));
        Assert.Empty(request.Writes);
        Assert.Equal([AnneText], request.Deletes);
        Assert.Equal((0, 1), (result.Writes, result.Deletes));
        Assert.Empty(await server.ReadTuplesAsync(store));
        Assert.Equal(0, (await host.Cache.GetPendingCountAsync()).Total);
    }

    [Fact]
    public async Task Revoke_then_grant_sends_one_write()
    {
        var store = await server.CreateStoreAsync();
        await using var host = await PipelineHost.StartAsync(server, store);

        await host.Client.RevokeAsync(Anne);
        await host.Client.GrantAsync(Anne);
        await host.Cache.FlushAsync();

        var request = Assert.Single(server.Writes.For(store));
        Assert.Equal([AnneText], request.Writes);
        Assert.Empty(request.Deletes);
        Assert.Equal([AnneText], await server.ReadTuplesAsync(store));
    }

    [Fact]
    public async Task Grant_twice_sends_one_write()
    {
        var store = await server.CreateStoreAsync();
        await using var host = await PipelineHost.StartAsync(server, store);

        await host.Client.GrantAsync(Anne);
        await host.Client.GrantAsync(Anne);
        await host.Cache.FlushAsync();

        Assert.Equal([AnneText], Assert.Single(server.Writes.For(store)).Writes);
        Assert.Equal([AnneText], await server.ReadTuplesAsync(store));
    }

    [Theory]
    [InlineData("grant,revoke,grant", true)]
    [InlineData("revoke,grant,revoke", false)]
    [InlineData("grant,revoke,grant,revoke", false)]
    [InlineData("revoke,revoke,grant,grant", true)]
    [InlineData("grant,grant,revoke", false)]
    public async Task Any_sequence_on_one_tuple_leaves_the_last_operation(string sequence, bool present)
    {
        var store = await server.CreateStoreAsync();
        await server.SeedAsync(store, new TupleKey("user:seed", "viewer", "document:roadmap"));
        // Half the runs start with the tuple already on the server.
        if (sequence.StartsWith("revoke", StringComparison.Ordinal))
        {
            await server.SeedAsync(store, Anne);
        }

        await using var host = await PipelineHost.StartAsync(server, store);
        foreach (var step in sequence.Split(','))
        {
            await (step == "grant" ? host.Client.GrantAsync(Anne) : host.Client.RevokeAsync(Anne));
        }

        await host.Cache.FlushAsync();

        var request = Assert.Single(server.Writes.For(store));
        Assert.Equal(1, request.Writes.Count + request.Deletes.Count);
        var tuples = await server.ReadTuplesAsync(store);
        Assert.Equal(present, tuples.Contains(AnneText));
        Assert.Contains("document:roadmap#viewer@user:seed", tuples);
    }

    [Fact]
    public async Task Order_per_tuple_holds_across_flushes()
    {
        var store = await server.CreateStoreAsync();
        await using var host = await PipelineHost.StartAsync(server, store);

        await host.Client.GrantAsync(Anne);
        await host.Cache.FlushAsync();
        Assert.Equal([AnneText], await server.ReadTuplesAsync(store));

        await host.Client.RevokeAsync(Anne);
        await host.Cache.FlushAsync();
        Assert.Empty(await server.ReadTuplesAsync(store));

        await host.Client.GrantAsync(Anne);
        await host.Client.RevokeAsync(Anne);
        await host.Client.GrantAsync(Anne);
        await host.Cache.FlushAsync();
        Assert.Equal([AnneText], await server.ReadTuplesAsync(store));

        var requests = server.Writes.For(store);
        Assert.Equal(3, requests.Count);
        Assert.Equal(["write", "delete", "write"], requests.Select(r => r.Writes.Count > 0 ? "write" : "delete"));
    }

    [Fact]
    public async Task Many_tuples_with_interleaved_operations_each_keep_their_last_operation()
    {
        var store = await server.CreateStoreAsync();
        await using var host = await PipelineHost.StartAsync(server, store);
        var expected = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            var tuple = new TupleKey($"user:u{i}", "viewer", $"document:d{i % 7}");
            await host.Client.GrantAsync(tuple);
            if (i % 3 == 0)
            {
                await host.Client.RevokeAsync(tuple);
            }
            else
            {
                expected.Add(tuple.ToString());
            }
        }

        Assert.Equal(new(40, 20), await host.Cache.GetPendingCountAsync());
        var result = await host.Cache.FlushAsync();

        expected.Sort(StringComparer.Ordinal);
        Assert.Equal(expected, await server.ReadTuplesAsync(store));
        Assert.Equal((40, 20), (result.Writes, result.Deletes));
        Assert.Equal(60, server.Writes.For(store).Sum(r => r.Writes.Count + r.Deletes.Count));
    }
}
