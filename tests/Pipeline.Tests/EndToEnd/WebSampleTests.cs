extern alias sample;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using TypedFga.Pipeline.Tests.Infrastructure;
using SampleProgram = sample::Program;

namespace TypedFga.Pipeline.Tests.EndToEnd;

/// <summary>
/// The sample web application, unchanged, with its typed <c>Fga</c> calls and no plumbing of its own, writing
/// behind to the local server over HTTP.
/// </summary>
public sealed class WebSampleTests(FgaServerFixture server) : IClassFixture<FgaServerFixture>
{
    /// <summary>The operators' key the tests configure (the sample ships none outside development).</summary>
    internal const string OperatorKey = "pipeline-tests-operator-key";

    [Fact]
    public async Task Grant_check_revoke_flush_and_status_through_the_samples_endpoints()
    {
        var store = await server.CreateStoreAsync();
        using var folder = new TempFolder();
        await using var app = Sample(store, folder.File("outbox.db"));
        using var http = OperatorClient(app);

        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync("/documents/roadmap/editors/anne", null)).StatusCode);
        // Read-your-writes: pending, not on the server, yet the check sees it.
        Assert.Equal(1, (await StatusAsync(http))["total"]!.GetValue<long>());
        Assert.Empty(await server.ReadTuplesAsync(store));
        Assert.True(await AllowedAsync(http, "/documents/roadmap/can-edit/anne"));
        Assert.False(await AllowedAsync(http, "/documents/roadmap/can-edit/bob"));

        var flush = await http.PostAsync("/fga/flush", null);
        Assert.Equal(1, (await flush.Content.ReadFromJsonAsync<JsonObject>())!["writes"]!.GetValue<int>());
        Assert.Equal(["document:roadmap#editor@user:anne"], await server.ReadTuplesAsync(store));

        // Fail closed: after the revoke returns, no check answers from the older state.
        Assert.Equal(HttpStatusCode.Accepted, (await http.DeleteAsync("/documents/roadmap/editors/anne")).StatusCode);
        Assert.False(await AllowedAsync(http, "/documents/roadmap/can-edit/anne"));

        await http.PostAsync("/fga/flush", null);
        var status = await StatusAsync(http);
        Assert.Equal((0L, 0L), (status["total"]!.GetValue<long>(), status["deadLetters"]!.GetValue<long>()));
        Assert.Empty(await server.ReadTuplesAsync(store));
    }

    [Fact]
    public async Task The_listing_and_share_dialog_endpoints_show_pending_grants_and_revokes()
    {
        var store = await server.CreateStoreAsync();
        using var folder = new TempFolder();
        await using var app = Sample(store, folder.File("outbox.db"));
        using var http = OperatorClient(app);

        await http.PostAsync("/documents/roadmap/editors/anne", null);
        await http.PostAsync("/documents/roadmap/editors/teams/eng", null);
        await http.PostAsync("/documents/spec/viewers/anne", null);
        await http.PostAsync("/documents/plan/public", null);
        var listed = await http.GetFromJsonAsync<JsonObject>("/users/anne/documents");
        var editors = await http.GetFromJsonAsync<JsonObject>("/documents/roadmap/editors");

        Assert.Equal(4, (await StatusAsync(http))["total"]!.GetValue<long>());
        Assert.Equal(["plan", "roadmap", "spec"], listed!["documents"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal(["anne"], editors!["users"]!.AsArray().Select(u => u!.GetValue<string>()));
        Assert.Equal(["eng"], editors["teams"]!.AsArray().Select(t => t!.GetValue<string>()));

        await http.DeleteAsync("/documents/roadmap/editors/anne");
        var after = await http.GetFromJsonAsync<JsonObject>("/documents/roadmap/editors");
        Assert.Empty(after!["users"]!.AsArray());
    }

    [Fact]
    public async Task Two_sample_hosts_in_one_process_never_see_each_others_operations()
    {
        var firstStore = await server.CreateStoreAsync("first");
        var secondStore = await server.CreateStoreAsync("second");
        using var folder = new TempFolder();
        await using var first = Sample(firstStore, folder.File("first.db"));
        await using var second = Sample(secondStore, folder.File("second.db"));
        using var firstHttp = OperatorClient(first);
        using var secondHttp = OperatorClient(second);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            await firstHttp.PostAsync($"/documents/d{i}/editors/anne", null);
            await secondHttp.PostAsync($"/documents/d{i}/editors/bob", null);
        }));

        Assert.Equal(20, (await StatusAsync(firstHttp))["total"]!.GetValue<long>());
        Assert.Equal(20, (await StatusAsync(secondHttp))["total"]!.GetValue<long>());
        Assert.True(await AllowedAsync(firstHttp, "/documents/d3/can-edit/anne"));
        Assert.False(await AllowedAsync(firstHttp, "/documents/d3/can-edit/bob"));
        Assert.False(await AllowedAsync(secondHttp, "/documents/d3/can-edit/anne"));

        await firstHttp.PostAsync("/fga/flush", null);
        await secondHttp.PostAsync("/fga/flush", null);
        Assert.All(await server.ReadTuplesAsync(firstStore), t => Assert.EndsWith("@user:anne", t, StringComparison.Ordinal));
        Assert.All(await server.ReadTuplesAsync(secondStore), t => Assert.EndsWith("@user:bob", t, StringComparison.Ordinal));
        Assert.Equal(20, (await server.ReadTuplesAsync(firstStore)).Count);
        Assert.Equal(20, (await server.ReadTuplesAsync(secondStore)).Count);
    }

    [Fact]
    public async Task The_operations_endpoints_and_status_page_refuse_callers_without_the_operators_key()
    {
        var store = await server.CreateStoreAsync();
        using var folder = new TempFolder();
        await using var app = Sample(store, folder.File("outbox.db"));
        using var anonymous = app.CreateClient();
        using var guessing = app.CreateClient();
        guessing.DefaultRequestHeaders.Add("X-Api-Key", "guess");
        using var operators = OperatorClient(app);
        await anonymous.PostAsync("/documents/roadmap/editors/anne", null);

        foreach (var (method, path) in new[] { ("GET", "/fga/status"), ("POST", "/fga/flush"), ("DELETE", "/fga/pending"), ("GET", "/fga/") })
        {
            using var refused = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
            using var wrong = await guessing.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
            Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (refused.StatusCode, wrong.StatusCode));
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(1, (await StatusAsync(operators))["total"]!.GetValue<long>());
        Assert.Equal(HttpStatusCode.OK, (await operators.GetAsync("/fga/")).StatusCode);
    }

    private static HttpClient OperatorClient(WebApplicationFactory<SampleProgram> app)
    {
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", OperatorKey);
        return http;
    }

    private WebApplicationFactory<SampleProgram> Sample(string store, string outbox) =>
        new WebApplicationFactory<SampleProgram>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Fga:Backend", "OpenFga");
            web.UseSetting("Fga:ApiUrl", server.BaseAddress.ToString());
            web.UseSetting("Fga:StoreId", store);
            web.UseSetting("Fga:MaxRetry", "0");
            web.UseSetting("Fga:WriteBehind:Outbox", outbox);
            web.UseSetting("Fga:WriteBehind:FlushInterval", "01:00:00");
            web.UseSetting("Fga:WriteBehind:PeriodicFlush", "");
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            web.UseSetting("Sample:OperatorApiKey", OperatorKey);
        });

    private static async Task<JsonObject> StatusAsync(HttpClient http) =>
        (await http.GetFromJsonAsync<JsonObject>("/fga/status"))!;

    private static async Task<bool> AllowedAsync(HttpClient http, string path) =>
        (await http.GetFromJsonAsync<JsonObject>(path))!["allowed"]!.GetValue<bool>();
}
