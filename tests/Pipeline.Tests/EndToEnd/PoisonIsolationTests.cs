using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TypedFga.Outbox;
using TypedFga.Pipeline.Tests.Infrastructure;

namespace TypedFga.Pipeline.Tests.EndToEnd;

/// <summary>One tuple the server refuses never holds back the others.</summary>
public sealed class PoisonIsolationTests(FgaServerFixture server) : IClassFixture<FgaServerFixture>
{
    // Well-formed, so the client accepts it; the model has no such relation, so the server refuses it.
    private static readonly TupleKey Poison = new("user:mallory", "sneaks_in", "document:d42");

    [Fact]
    public async Task One_bad_tuple_in_a_hundred_is_dead_lettered_with_the_servers_error_and_the_rest_written()
    {
        var store = await server.CreateStoreAsync();
        await using var host = await PipelineHost.StartAsync(server, store);
        var good = new List<TupleKey>();
        for (var i = 0; i < 100; i++)
        {
            var tuple = i == 42 ? Poison : new TupleKey($"user:u{i}", "viewer", $"document:d{i}");
            await host.Client.GrantAsync(tuple);
            if (i != 42)
            {
                good.Add(tuple);
            }
        }

        var result = await host.Cache.FlushAsync();

        Assert.Equal((99, 1, 0), (result.Writes, result.DeadLettered, result.Failed));
        Assert.Equal(good.Select(t => t.ToString()).Order(StringComparer.Ordinal), await server.ReadTuplesAsync(store));
        Assert.Equal(0, (await host.Cache.GetPendingCountAsync()).Total);

        var letter = Assert.Single(await host.Cache.GetDeadLettersAsync());
        var (code, message) = await ServerAnswerToAsync(store, Poison);
        Assert.Equal(Poison, letter.Tuple);
        Assert.Equal(OutboxOperationKind.Grant, letter.Kind);
        Assert.Equal(DeadLetterReason.Rejected, letter.Reason);
        Assert.Equal(code, letter.ErrorCode);
        Assert.Equal(message, letter.ErrorMessage);
    }

    [Fact]
    public async Task A_dead_letter_can_be_retried_and_purged_without_touching_the_rest()
    {
        var store = await server.CreateStoreAsync();
        await using var host = await PipelineHost.StartAsync(server, store);
        var blocked = new TupleKey("user:anne", "blocked", "document:d");
        await host.Client.GrantAsync(Poison);
        await host.Client.GrantAsync(blocked);
        await host.Cache.FlushAsync();
        var first = Assert.Single(await host.Cache.GetDeadLettersAsync());

        Assert.Equal(1, await host.Cache.RetryDeadLettersAsync());
        Assert.Empty(await host.Cache.GetDeadLettersAsync());
        Assert.Equal(new(1, 0), await host.Cache.GetPendingCountAsync());
        var retried = await host.Cache.FlushAsync();
        Assert.Equal(1, retried.DeadLettered);
        var again = Assert.Single(await host.Cache.GetDeadLettersAsync());
        Assert.Equal((first.Tuple, first.ErrorCode, first.ErrorMessage), (again.Tuple, again.ErrorCode, again.ErrorMessage));

        Assert.Equal(1, await host.Cache.PurgeDeadLettersAsync());
        Assert.Empty(await host.Cache.GetDeadLettersAsync());
        Assert.Equal(0, (await host.Cache.GetPendingCountAsync()).Total);
        Assert.Equal([blocked.ToString()], await server.ReadTuplesAsync(store));
    }

    // What the server says about the tuple when it is written on its own.
    private async Task<(string Code, string Message)> ServerAnswerToAsync(string store, TupleKey tuple)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var body = new JsonObject
        {
            ["writes"] = new JsonObject
            {
                ["tuple_keys"] = new JsonArray(new JsonObject { ["user"] = tuple.User, ["relation"] = tuple.Relation, ["object"] = tuple.Object }),
            },
        };
        using var response = await http.PostAsJsonAsync($"stores/{store}/write", body);
        Assert.Equal(400, (int)response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return (error["code"]!.GetValue<string>(), error["message"]!.GetValue<string>());
    }
}
