using TypedFga.Pipeline.Tests.Infrastructure;
using TypedFga.Server.Faults;

namespace TypedFga.Pipeline.Tests.EndToEnd;

/// <summary>
/// The server failing, recovering, and applying a write whose answer never arrives: operations stay durable
/// until they are known to be applied, and a replay is harmless.
/// </summary>
public sealed class FailureRecoveryTests(FgaServerFixture server) : IClassFixture<FgaServerFixture>, IDisposable
{
    public void Dispose() => server.Faults.Reset();

    public static TheoryData<string> Faults => ["503", "500", "drop", "throttled", "429"];

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Operations_stay_pending_while_the_server_fails_and_are_sent_once_it_recovers(string kind)
    {
        var store = await server.CreateStoreAsync();
        await using var host = await PipelineHost.StartAsync(server, store);
        var tuples = Enumerable.Range(0, 5).Select(i => new TupleKey($"user:u{i}", "viewer", "document:d")).ToList();
        foreach (var tuple in tuples)
        {
            await host.Client.GrantAsync(tuple);
        }

        server.Faults.Enqueue(FaultOf(kind), count: 2, matches: request => request.Path.Value!.EndsWith("/write", StringComparison.Ordinal) && request.Path.Value.Contains(store, StringComparison.Ordinal));

        var first = await host.Cache.FlushAsync();
        Assert.Equal((0, 5), (first.Sent, first.Failed));
        var pending = await host.Cache.GetPendingOperationsAsync();
        Assert.Equal(5, pending.Count);
        Assert.All(pending, op => Assert.False(string.IsNullOrEmpty(op.LastError)));
        Assert.Empty(await server.ReadTuplesAsync(store));

        await Task.Delay(60);
        var second = await host.Cache.FlushAsync();
        Assert.Equal((0, 5), (second.Sent, second.Failed));

        await Task.Delay(60);
        var recovered = await host.Cache.FlushAsync();
        Assert.Equal((5, 0), (recovered.Writes, recovered.Failed));
        Assert.Equal(tuples.Select(t => t.ToString()).Order(StringComparer.Ordinal), await server.ReadTuplesAsync(store));
        Assert.Equal(0, (await host.Cache.GetPendingCountAsync()).Total);
        Assert.Empty(await host.Cache.GetDeadLettersAsync());
        // Two requests refused by the fault plan, then the one that succeeded.
        Assert.Equal(0, server.Faults.Pending);
        Assert.Equal(3, server.Arrivals.WriteAttempts(store));
    }

    [Fact]
    public async Task A_write_applied_but_never_acknowledged_is_replayed_harmlessly()
    {
        var store = await server.CreateStoreAsync();
        await server.SeedAsync(store, new TupleKey("user:old", "viewer", "document:d"));
        await using var host = await PipelineHost.StartAsync(server, store);
        await host.Client.GrantAsync(new TupleKey("user:anne", "viewer", "document:d"));
        await host.Client.GrantAsync(new TupleKey("user:bob", "viewer", "document:d"));
        await host.Client.RevokeAsync(new TupleKey("user:old", "viewer", "document:d"));

        server.Writes.DropAnswersAfterApplying(1);
        var crashed = await host.Cache.FlushAsync();

        // The server applied the request; the outbox does not know and keeps every operation.
        Assert.Equal(3, crashed.Failed);
        Assert.Equal(["document:d#viewer@user:anne", "document:d#viewer@user:bob"], await server.ReadTuplesAsync(store));
        Assert.Equal(3, (await host.Cache.GetPendingCountAsync()).Total);

        await Task.Delay(60);
        var replayed = await host.Cache.FlushAsync();

        Assert.Equal((2, 1, 0), (replayed.Writes, replayed.Deletes, replayed.Failed));
        Assert.Equal(["document:d#viewer@user:anne", "document:d#viewer@user:bob"], await server.ReadTuplesAsync(store));
        Assert.Equal(0, (await host.Cache.GetPendingCountAsync()).Total);
        Assert.Empty(await host.Cache.GetDeadLettersAsync());
        Assert.Equal(2, server.Writes.For(store).Count);
    }

    [Fact]
    public async Task A_revoke_queued_behind_an_unacknowledged_grant_wins()
    {
        var store = await server.CreateStoreAsync();
        await using var host = await PipelineHost.StartAsync(server, store);
        var anne = new TupleKey("user:anne", "viewer", "document:d");
        await host.Client.GrantAsync(anne);

        server.Writes.DropAnswersAfterApplying(1);
        await host.Cache.FlushAsync();
        Assert.Equal(["document:d#viewer@user:anne"], await server.ReadTuplesAsync(store));

        await host.Client.RevokeAsync(anne);
        await Task.Delay(60);
        await host.Cache.FlushAsync();

        Assert.Empty(await server.ReadTuplesAsync(store));
        Assert.Equal(0, (await host.Cache.GetPendingCountAsync()).Total);
    }

    private static Fault FaultOf(string kind) => kind switch
    {
        "503" => Fault.Error(503, "unavailable", "the datastore is unavailable"),
        "500" => Fault.Error(500, "internal_error", "internal server error"),
        "429" => Fault.Error(429, "rate_limit_exceeded", "rate limit exceeded"),
        "throttled" => Fault.Throttled(),
        "drop" => Fault.Drop(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
