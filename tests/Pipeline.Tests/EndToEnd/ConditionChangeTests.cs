using TypedFga.Pipeline.Tests.Infrastructure;
using TypedFga.Wire;

namespace TypedFga.Pipeline.Tests.EndToEnd;

/// <summary>
/// A grant on a tuple that is stored with another condition (or none) changes the stored condition: OpenFGA
/// refuses that write with 409 "different condition", and the flusher applies it as a delete and a write.
/// </summary>
public sealed class ConditionChangeTests(FgaServerFixture server) : IClassFixture<FgaServerFixture>
{
    private static readonly DateTimeOffset GrantedAt = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // model.fga allows both forms on document#viewer: [user, ..., user with non_expired].
    private static TupleKey Viewer(string user, string document, TimeSpan? expiresAfter = null) =>
        new($"user:{user}", "viewer", $"document:{document}",
            expiresAfter is { } duration
                ? new RelationshipCondition("non_expired", new Dictionary<string, object?>
                {
                    ["grant_time"] = GrantedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                    ["grant_duration"] = $"{(long)duration.TotalSeconds}s",
                })
                : null);

    [Fact]
    public async Task Granting_with_a_condition_replaces_the_unconditioned_tuple()
    {
        var store = await server.CreateStoreAsync();
        await using var host = await PipelineHost.StartAsync(server, store);
        await host.Client.GrantAsync(Viewer("anne", "plan"));
        await host.Cache.FlushAsync();
        Assert.True(await CheckAtAsync(host, "anne", "plan", GrantedAt.AddDays(30)));

        await host.Client.GrantAsync(Viewer("anne", "plan", TimeSpan.FromHours(1)));
        var result = await host.Cache.FlushAsync();

        Assert.Equal((1, 0, 0, 0), (result.Writes, result.Deletes, result.Failed, result.DeadLettered));
        Assert.Equal(0, (await host.Cache.GetPendingCountAsync()).Total);
        Assert.Empty(await host.Cache.GetDeadLettersAsync());
        var stored = Assert.Single(await StoredAsync(store));
        Assert.Equal("non_expired", stored.Condition?.Name);
        Assert.True(await CheckAtAsync(host, "anne", "plan", GrantedAt.AddMinutes(30)));
        Assert.False(await CheckAtAsync(host, "anne", "plan", GrantedAt.AddDays(30)));
    }

    [Fact]
    public async Task Granting_without_a_condition_replaces_the_conditioned_tuple()
    {
        var store = await server.CreateStoreAsync();
        await using var host = await PipelineHost.StartAsync(server, store);
        await host.Client.GrantAsync(Viewer("bob", "plan", TimeSpan.FromHours(1)));
        await host.Cache.FlushAsync();
        Assert.False(await CheckAtAsync(host, "bob", "plan", GrantedAt.AddDays(30)));

        await host.Client.GrantAsync(Viewer("bob", "plan"));
        var result = await host.Cache.FlushAsync();

        Assert.Equal((1, 0), (result.Writes, result.DeadLettered));
        Assert.Null(Assert.Single(await StoredAsync(store)).Condition);
        Assert.True(await CheckAtAsync(host, "bob", "plan", GrantedAt.AddDays(30)));
    }

    [Fact]
    public async Task A_changed_condition_in_a_full_chunk_is_replaced_and_the_rest_written_once()
    {
        var store = await server.CreateStoreAsync();
        await using var host = await PipelineHost.StartAsync(server, store);
        await host.Client.GrantAsync(Viewer("u42", "d42", TimeSpan.FromHours(1)));
        await host.Cache.FlushAsync();
        var before = server.Writes.For(store).Count;

        for (var i = 0; i < 100; i++)
        {
            await host.Client.GrantAsync(i == 42 ? Viewer("u42", "d42", TimeSpan.FromDays(2)) : Viewer($"u{i}", $"d{i}"));
        }

        var result = await host.Cache.FlushAsync();

        Assert.Equal((100, 0, 0), (result.Writes, result.Failed, result.DeadLettered));
        Assert.Equal(100, (await StoredAsync(store)).Count);
        Assert.True(await CheckAtAsync(host, "u42", "d42", GrantedAt.AddDays(1)));
        Assert.True(await CheckAtAsync(host, "u0", "d0", GrantedAt.AddDays(1)));
        // The refused chunk is split down to the changed tuple: a handful of requests, not one per tuple.
        Assert.InRange(server.Writes.For(store).Count - before, 3, 20);
    }

    private static Task<bool> CheckAtAsync(PipelineHost host, string user, string document, DateTimeOffset now) =>
        host.Client.CheckAsync(new CheckQuery($"user:{user}", "viewer", $"document:{document}",
            new Dictionary<string, object?> { ["current_time"] = now.ToString("O", System.Globalization.CultureInfo.InvariantCulture) })).AsTask();

    private async Task<List<ApiTupleKey>> StoredAsync(string store)
    {
        var page = await server.Engine.ReadAsync(store, new ReadRequest { PageSize = 100 });
        return page.Tuples!.Select(t => t.Key!).ToList();
    }
}
