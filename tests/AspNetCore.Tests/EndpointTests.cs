using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TypedFga.AspNetCore.Tests.Infrastructure;

namespace TypedFga.AspNetCore.Tests;

/// <summary>What each endpoint answers and does, on the embedded engine.</summary>
public sealed class EndpointTests
{
    // Well-formed, so Grant accepts it; the model has no such relation, so the engine refuses it at the flush.
    private static readonly TupleKey Poison = new("user:mallory", "sneaks_in", "document:d");

    [Fact]
    public async Task Status_counts_pending_writes_and_deletes_the_oldest_ones_age_and_the_dead_letters()
    {
        await using var app = await OperationsApp.StartAnonymousAsync();
        await app.Client.GrantAsync(new TupleKey("user:anne", "viewer", "document:a"));
        await app.Client.GrantAsync(new TupleKey("user:bob", "viewer", "document:a"));
        await app.Client.RevokeAsync(new TupleKey("user:carl", "viewer", "document:a"));

        var status = await GetAsync(app, "/fga/status");

        Assert.Equal((2, 1, 3), (Long(status, "writes"), Long(status, "deletes"), Long(status, "total")));
        Assert.Equal(0, Long(status, "deadLetters"));
        Assert.True(status["oldestPendingAgeSeconds"]!.GetValue<double>() >= 0);
        Assert.NotNull(status["oldestPendingEnqueuedAt"]);
        Assert.Null(status["lastFlush"]);
    }

    [Fact]
    public async Task Flush_sends_the_backlog_and_reports_counts_duration_and_outcome_which_status_then_shows()
    {
        await using var app = await OperationsApp.StartAnonymousAsync();
        await app.Client.GrantAsync(new TupleKey("user:anne", "viewer", "document:a"));
        await app.Client.GrantAsync(new TupleKey("user:bob", "viewer", "document:a"));

        using var response = await app.Http.PostAsync("/fga/flush", null);
        var flush = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var status = await GetAsync(app, "/fga/status");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((2, 0, 2, "succeeded"), (Int(flush, "writes"), Int(flush, "failed"), Int(flush, "operations"), flush["outcome"]!.GetValue<string>()));
        Assert.True(flush["durationMs"]!.GetValue<double>() >= 0);
        Assert.Equal(0, Long(status, "total"));
        Assert.Equal((2, "succeeded"), (Int(status["lastFlush"]!.AsObject(), "writes"), status["lastFlush"]!["outcome"]!.GetValue<string>()));
        Assert.True(await app.Client.CheckAsync(new CheckQuery("user:anne", "viewer", "document:a")));
    }

    [Fact]
    public async Task Pending_lists_a_page_oldest_first_with_the_total()
    {
        await using var app = await OperationsApp.StartAnonymousAsync();
        for (var i = 0; i < 7; i++)
        {
            await app.Client.GrantAsync(new TupleKey($"user:u{i}", "viewer", "document:a"));
        }

        var page = await GetAsync(app, "/fga/pending?offset=2&limit=3");
        var all = await GetAsync(app, "/fga/pending");

        Assert.Equal((2, 3, 7), (Int(page, "offset"), Int(page, "limit"), Int(page, "total")));
        Assert.Equal(
            ["document:a#viewer@user:u2", "document:a#viewer@user:u3", "document:a#viewer@user:u4"],
            page["items"]!.AsArray().Select(i => i!["tuple"]!.GetValue<string>()));
        Assert.Equal("write", page["items"]![0]!["kind"]!.GetValue<string>());
        Assert.Equal((100, 7), (Int(all, "limit"), all["items"]!.AsArray().Count));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("offset=-1", "offset")]
    [InlineData("offset=1.5", "offset")]
    [InlineData("offset=9500&limit=1000", "offset")]
    public async Task Bad_paging_is_a_400_problem_naming_the_parameter(string query, string parameter)
    {
        await using var app = await OperationsApp.StartAnonymousAsync();

        foreach (var path in new[] { "/fga/pending", "/fga/dead-letters" })
        {
            using var response = await app.Http.GetAsync($"{path}?{query}");

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Contains(" must be ", problem["errors"]![parameter]![0]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Deleting_pending_drops_the_backlog_unsent()
    {
        await using var app = await OperationsApp.StartAnonymousAsync();
        await app.Client.GrantAsync(new TupleKey("user:anne", "viewer", "document:a"));
        await app.Client.GrantAsync(new TupleKey("user:bob", "viewer", "document:a"));

        var cleared = await SendAsync(app, HttpMethod.Delete, "/fga/pending");

        Assert.Equal(2, Int(cleared, "cleared"));
        Assert.Equal(0, (await app.Cache.GetPendingCountAsync()).Total);
        Assert.False(await app.Client.CheckAsync(new CheckQuery("user:anne", "viewer", "document:a")));
    }

    [Fact]
    public async Task Dead_letters_are_listed_with_their_reason_and_the_servers_error()
    {
        await using var app = await OperationsApp.StartAnonymousAsync();
        await app.Client.GrantAsync(Poison);
        await app.Http.PostAsync("/fga/flush", null);

        var letters = await GetAsync(app, "/fga/dead-letters");
        var status = await GetAsync(app, "/fga/status");

        var letter = Assert.Single(letters["items"]!.AsArray())!;
        Assert.Equal((Poison.ToString(), "write", "rejected"), (letter["tuple"]!.GetValue<string>(), letter["kind"]!.GetValue<string>(), letter["reason"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(letter["errorMessage"]?.GetValue<string>()));
        Assert.Equal(1, Int(letters, "total"));
        Assert.Equal(1, Long(status, "deadLetters"));
        Assert.Equal("partly-failed", status["lastFlush"]!["outcome"]!.GetValue<string>());
    }

    [Fact]
    public async Task Retry_queues_the_chosen_dead_letters_again_or_all_of_them()
    {
        await using var app = await OperationsApp.StartAnonymousAsync();
        await app.Client.GrantAsync(Poison);
        await app.Client.GrantAsync(Poison with { User = "user:eve" });
        await app.Http.PostAsync("/fga/flush", null);
        var sequences = (await GetAsync(app, "/fga/dead-letters"))["items"]!.AsArray().Select(i => Long(i!.AsObject(), "sequence")).ToList();

        var one = await SendAsync(app, HttpMethod.Post, $"/fga/dead-letters/retry?sequence={sequences[0]}");
        Assert.Equal(1, Int(one, "retried"));
        Assert.Equal((1, 1L), ((await app.Cache.GetDeadLettersAsync()).Count, (await app.Cache.GetPendingCountAsync()).Total));

        var rest = await SendAsync(app, HttpMethod.Post, "/fga/dead-letters/retry");
        Assert.Equal(1, Int(rest, "retried"));
        Assert.Empty(await app.Cache.GetDeadLettersAsync());
        Assert.Equal(2, (await app.Cache.GetPendingCountAsync()).Total);
    }

    [Fact]
    public async Task Purge_deletes_dead_letters_for_good()
    {
        await using var app = await OperationsApp.StartAnonymousAsync();
        await app.Client.GrantAsync(Poison);
        await app.Http.PostAsync("/fga/flush", null);

        var purged = await SendAsync(app, HttpMethod.Delete, "/fga/dead-letters");

        Assert.Equal(1, Int(purged, "purged"));
        Assert.Empty(await app.Cache.GetDeadLettersAsync());
        Assert.Equal(0, (await app.Cache.GetPendingCountAsync()).Total);
    }

    [Fact]
    public async Task History_lists_the_flushes_that_did_something_newest_first_and_the_sample_interval()
    {
        await using var app = await OperationsApp.StartAnonymousAsync();
        await app.Client.GrantAsync(new TupleKey("user:anne", "viewer", "document:a"));
        await app.Http.PostAsync("/fga/flush", null);
        await app.Client.GrantAsync(Poison);
        await app.Http.PostAsync("/fga/flush", null);
        await app.Http.PostAsync("/fga/flush", null);

        var history = await GetAsync(app, "/fga/history");

        Assert.Equal(
            ["partly-failed", "succeeded"],
            history["flushes"]!.AsArray().Select(f => f!["outcome"]!.GetValue<string>()));
        Assert.Equal("idle", history["lastFlush"]!["outcome"]!.GetValue<string>());
        Assert.Equal(5, history["sampleIntervalSeconds"]!.GetValue<double>());
        Assert.NotNull(history["backlog"]!.AsArray());
    }

    private static async Task<JsonObject> GetAsync(OperationsApp app, string path)
    {
        using var response = await app.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static async Task<JsonObject> SendAsync(OperationsApp app, HttpMethod method, string path)
    {
        using var response = await app.Http.SendAsync(new HttpRequestMessage(method, path));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static long Long(JsonObject json, string name) => json[name]!.GetValue<long>();

    private static int Int(JsonObject json, string name) => json[name]!.GetValue<int>();
}
