using TypedFga.Backends;
using TypedFga.OpenFga;
using TypedFga.Runtime.Tests.OpenFga.Fakes;

namespace TypedFga.Runtime.Tests.OpenFga;

/// <summary>The queries other than Check, as the HTTP backend sends them and reads OpenFGA's answers.</summary>
public sealed class OpenFgaBackendQueryTests
{
    private const string PinnedModel = "01HVMMBD123DZ1A0M7VNTSPKK8";
    private static readonly FgaConnection Pinned = new("default", ClientHarness.StoreId, PinnedModel);
    private static readonly TupleKey Contextual = new("user:anne", "viewer", "document:2");

    [Fact]
    public async Task ListObjects_sends_context_contextual_tuples_and_consistency()
    {
        await using var harness = await ClientHarness.StartAsync();
        harness.Server.Respond("POST", ClientHarness.StorePath("/list-objects"), FakeResponse.Json("""{"objects":["document:1","document:2"]}"""));

        var objects = await new OpenFgaBackend(harness.Client).ListObjectsAsync(
            Pinned,
            new ListObjectsQuery("document", "viewer", "user:anne", new Dictionary<string, object?> { ["x"] = 1 }, [Contextual]) { Consistency = FgaConsistency.HigherConsistency });

        Assert.Equal(["document:1", "document:2"], objects);
        Assert.Equal(
            """{"authorization_model_id":"01HVMMBD123DZ1A0M7VNTSPKK8","type":"document","relation":"viewer","user":"user:anne","contextual_tuples":{"tuple_keys":[{"user":"user:anne","relation":"viewer","object":"document:2"}]},"context":{"x":1},"consistency":"HIGHER_CONSISTENCY"}""",
            harness.Server.Requests.Single().Body);
    }

    [Fact]
    public async Task Streamed_ListObjects_yields_each_line_and_an_error_line_ends_it_with_the_servers_message()
    {
        await using var harness = await ClientHarness.StartAsync();
        harness.Server.Respond("POST", ClientHarness.StorePath("/streamed-list-objects"), FakeResponse.Json(
            "{\"result\":{\"object\":\"document:1\"}}\n\n{\"result\":{\"object\":\"document:2\"}}\n{\"error\":{\"code\":4,\"message\":\"deadline exceeded\"}}\n"));
        var found = new List<string>();

        var failure = await Assert.ThrowsAsync<FgaApiException>(async () =>
        {
            await foreach (var @object in new OpenFgaBackend(harness.Client).StreamListObjectsAsync(Pinned, new ListObjectsQuery("document", "viewer", "user:anne")))
            {
                found.Add(@object);
            }
        });

        Assert.Equal(["document:1", "document:2"], found);
        Assert.Contains("deadline exceeded", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListUsers_sends_one_filter_and_reads_objects_usersets_and_wildcards()
    {
        await using var harness = await ClientHarness.StartAsync();
        harness.Server.Respond("POST", ClientHarness.StorePath("/list-users"), FakeResponse.Json(
            """{"users":[{"object":{"type":"user","id":"anne"}},{"userset":{"type":"team","id":"eng","relation":"member"}},{"wildcard":{"type":"user"}}]}"""));

        var users = await new OpenFgaBackend(harness.Client).ListUsersAsync(Pinned, new ListUsersQuery("document:1", "viewer", "team#member"));

        Assert.Equal(["user:anne", "team:eng#member", "user:*"], users);
        var body = harness.Server.Requests.Single().Json;
        Assert.Equal("document", body.GetProperty("object").GetProperty("type").GetString());
        Assert.Equal("1", body.GetProperty("object").GetProperty("id").GetString());
        var filter = body.GetProperty("user_filters").EnumerateArray().Single();
        Assert.Equal(("team", "member"), (filter.GetProperty("type").GetString(), filter.GetProperty("relation").GetString()));
    }

    [Fact]
    public async Task BatchCheck_puts_answers_back_in_order_and_names_a_check_the_server_could_not_answer()
    {
        await using var harness = await ClientHarness.StartAsync();
        harness.Server.Respond("POST", ClientHarness.StorePath("/batch-check"), request =>
        {
            var checks = request.Json.GetProperty("checks").EnumerateArray().ToArray();
            var answers = checks.Select(check => $"\"{check.GetProperty("correlation_id").GetString()}\":" + (check.GetProperty("tuple_key").GetProperty("object").GetString() switch
            {
                "document:bad" => """{"allowed":false,"error":{"input_error":"validation_error","message":"relation 'viewer' not found"}}""",
                "document:1" => """{"allowed":true}""",
                _ => """{"allowed":false}""",
            }));
            return FakeResponse.Json("{\"result\":{" + string.Join(",", answers) + "}}");
        });
        var backend = new OpenFgaBackend(harness.Client);

        var answers = await backend.BatchCheckAsync(Pinned, Enumerable.Range(0, 120).Select(i => new CheckQuery("user:anne", "viewer", "document:" + (i % 3))).ToList());
        var failure = await Assert.ThrowsAsync<FgaApiException>(() => backend.BatchCheckAsync(Pinned, [new CheckQuery("user:anne", "viewer", "document:1"), new CheckQuery("user:anne", "viewer", "document:bad")]));

        Assert.Equal(Enumerable.Range(0, 120).Select(i => i % 3 == 1), answers);
        // 120 checks in calls of at most 50 (three), then the batch that fails.
        Assert.Equal(4, harness.Server.RequestsTo("POST", ClientHarness.StorePath("/batch-check")).Count);
        Assert.Equal("validation_error", failure.Code);
        Assert.Contains("document:bad#viewer@user:anne", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_passes_the_filter_page_size_and_token_and_reads_conditions_and_times()
    {
        await using var harness = await ClientHarness.StartAsync();
        harness.Server.Respond("POST", ClientHarness.StorePath("/read"), FakeResponse.Json(
            """{"tuples":[{"key":{"user":"user:anne","relation":"viewer","object":"document:1","condition":{"name":"non_expired","context":{"grant_duration":"1h"}}},"timestamp":"2026-01-01T00:00:00Z"}],"continuation_token":"next"}"""));

        var page = await new OpenFgaBackend(harness.Client).ReadAsync(Pinned, new ReadQuery("document:1", "viewer") { PageSize = 10 }, "token");

        var tuple = Assert.Single(page.Tuples);
        Assert.Equal(("next", FgaTupleState.Stored, "non_expired"), (page.ContinuationToken, tuple.State, tuple.Tuple.Condition?.Name));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), tuple.WrittenAt);
        Assert.Equal("""{"tuple_key":{"relation":"viewer","object":"document:1"},"page_size":10,"continuation_token":"token"}""", harness.Server.Requests.Single().Body);
    }

    [Fact]
    public async Task Expand_reads_every_kind_of_node()
    {
        await using var harness = await ClientHarness.StartAsync();
        harness.Server.Respond("POST", ClientHarness.StorePath("/expand"), FakeResponse.Json(
            """
            {"tree":{"root":{"name":"document:1#can_view","difference":{
              "base":{"name":"document:1#viewer","union":{"nodes":[
                {"name":"document:1#viewer","leaf":{"users":{"users":["user:anne","team:eng#member"]}}},
                {"name":"document:1#viewer","leaf":{"computed":{"userset":"document:1#editor"}}},
                {"name":"document:1#viewer","leaf":{"tupleToUserset":{"tupleset":"document:1#parent","computed":[{"userset":"folder:x#viewer"}]}}},
                {"name":"document:1#viewer","intersection":{"nodes":[{"name":"document:1#viewer","leaf":{}}]}}]}},
              "subtract":{"name":"document:1#blocked","leaf":{"users":{}}}}}}}
            """));

        var tree = await new OpenFgaBackend(harness.Client).ExpandAsync(Pinned, new ExpandQuery("document:1", "can_view", [Contextual]));

        var difference = Assert.IsType<FgaExpandDifference>(tree);
        var union = Assert.IsType<FgaExpandUnion>(difference.Base);
        Assert.Equal(["user:anne", "team:eng#member"], Assert.IsType<FgaExpandUsers>(union.Nodes[0]).Users);
        Assert.Equal("document:1#editor", Assert.IsType<FgaExpandComputed>(union.Nodes[1]).Userset);
        var inherited = Assert.IsType<FgaExpandTupleToUserset>(union.Nodes[2]);
        Assert.Equal(("document:1#parent", "folder:x#viewer"), (inherited.Tupleset, inherited.Computed.Single()));
        Assert.Empty(Assert.IsType<FgaExpandUsers>(Assert.IsType<FgaExpandIntersection>(union.Nodes[3]).Nodes.Single()).Users);
        Assert.Empty(Assert.IsType<FgaExpandUsers>(difference.Subtract).Users);
        Assert.Equal("document:2", harness.Server.Requests.Single().Json.GetProperty("contextual_tuples").GetProperty("tuple_keys")[0].GetProperty("object").GetString());
    }
}
