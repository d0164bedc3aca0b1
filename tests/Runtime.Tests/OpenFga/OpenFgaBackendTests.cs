using TypedFga.Backends;
using TypedFga.OpenFga;
using TypedFga.Runtime.Tests.OpenFga.Fakes;

namespace TypedFga.Runtime.Tests.OpenFga;

public sealed class OpenFgaBackendTests
{
    private const string PinnedModel = "01HVMMBD123DZ1A0M7VNTSPKK8";
    private static readonly FgaConnection Pinned = new("default", ClientHarness.StoreId, PinnedModel);
    private static readonly FgaConnection Latest = new("default", ClientHarness.StoreId, null);

    [Fact]
    public async Task Idempotent_writes_send_ignore_on_both_sides_and_deletes_without_conditions()
    {
        await using var harness = await ClientHarness.StartAsync();
        harness.Server.Respond("POST", ClientHarness.StorePath("/write"), FakeResponse.Json("{}"));
        var backend = new OpenFgaBackend(harness.Client);

        await backend.WriteAsync(
            Pinned,
            [new TupleKey("user:anne", "viewer", "document:1", new RelationshipCondition("c", new Dictionary<string, object?> { ["x"] = 1 }))],
            [new TupleKey("user:bob", "viewer", "document:1", new RelationshipCondition("c"))],
            WriteConflictOptions.Idempotent);

        Assert.Equal(
            """{"writes":{"tuple_keys":[{"user":"user:anne","relation":"viewer","object":"document:1","condition":{"name":"c","context":{"x":1}}}],"on_duplicate":"ignore"},"deletes":{"tuple_keys":[{"user":"user:bob","relation":"viewer","object":"document:1"}],"on_missing":"ignore"},"authorization_model_id":"01HVMMBD123DZ1A0M7VNTSPKK8"}""",
            harness.Server.Requests.Single().Body);
    }

    [Fact]
    public async Task Strict_writes_send_error_explicitly_and_an_empty_side_is_left_out()
    {
        await using var harness = await ClientHarness.StartAsync();
        harness.Server.Respond("POST", ClientHarness.StorePath("/write"), FakeResponse.Json("{}"));
        var backend = new OpenFgaBackend(harness.Client);

        await backend.WriteAsync(Pinned, [new TupleKey("user:anne", "viewer", "document:1")], [], WriteConflictOptions.Strict);

        var body = harness.Server.Requests.Single().Json;
        Assert.Equal("error", body.GetProperty("writes").GetProperty("on_duplicate").GetString());
        Assert.False(body.TryGetProperty("deletes", out _));
    }

    [Fact]
    public async Task Nothing_to_write_sends_nothing()
    {
        await using var harness = await ClientHarness.StartAsync();

        await new OpenFgaBackend(harness.Client).WriteAsync(Pinned, [], [], WriteConflictOptions.Idempotent);

        Assert.Empty(harness.Server.Requests);
    }

    [Fact]
    public async Task Check_maps_the_query_and_the_answer()
    {
        await using var harness = await ClientHarness.StartAsync();
        harness.Server.Respond("POST", ClientHarness.StorePath("/check"), FakeResponse.Json("""{"allowed":true,"resolution":""}"""));
        var backend = new OpenFgaBackend(harness.Client);

        var allowed = await backend.CheckAsync(Pinned, new CheckQuery(
            "user:anne", "viewer", "document:1",
            new Dictionary<string, object?> { ["now"] = TimeSpan.FromMinutes(2) },
            [new TupleKey("user:anne", "editor", "document:1")]));

        Assert.True(allowed);
        Assert.Equal(
            """{"tuple_key":{"user":"user:anne","relation":"viewer","object":"document:1"},"contextual_tuples":{"tuple_keys":[{"user":"user:anne","relation":"editor","object":"document:1"}]},"authorization_model_id":"01HVMMBD123DZ1A0M7VNTSPKK8","context":{"now":"120s"}}""",
            harness.Server.Requests.Single().Body);
    }

    [Fact]
    public async Task Higher_consistency_is_sent_as_OpenFGAs_preference_and_the_default_sends_none()
    {
        await using var harness = await ClientHarness.StartAsync();
        harness.Server.Respond("POST", ClientHarness.StorePath("/check"), FakeResponse.Json("""{"allowed":true,"resolution":""}"""));
        var backend = new OpenFgaBackend(harness.Client);
        var query = new CheckQuery("user:anne", "viewer", "document:1");

        await backend.CheckAsync(Pinned, query with { Consistency = FgaConsistency.HigherConsistency });
        await backend.CheckAsync(Pinned, query);

        var requests = harness.Server.Requests.ToArray();
        Assert.Equal(
            """{"tuple_key":{"user":"user:anne","relation":"viewer","object":"document:1"},"authorization_model_id":"01HVMMBD123DZ1A0M7VNTSPKK8","consistency":"HIGHER_CONSISTENCY"}""",
            requests[0].Body);
        Assert.False(requests[1].Json.TryGetProperty("consistency", out _));
    }

    [Fact]
    public async Task Without_a_pinned_model_the_latest_is_looked_up_once_and_always_sent()
    {
        await using var harness = await ClientHarness.StartAsync(o => o.AuthorizationModelId = null);
        harness.Server.Respond("GET", ClientHarness.StorePath("/authorization-models"), FakeResponse.Json(
            """{"authorization_models":[{"id":"01HVMMBD123DZ1A0M7VNTSPKK5","schema_version":"1.1","type_definitions":[],"conditions":{}}],"continuation_token":"x"}"""));
        harness.Server.Respond("POST", ClientHarness.StorePath("/check"), FakeResponse.Json("""{"allowed":false}"""));
        harness.Server.Respond("POST", ClientHarness.StorePath("/write"), FakeResponse.Json("{}"));
        var backend = new OpenFgaBackend(harness.Client);

        Assert.False(await backend.CheckAsync(Latest, new CheckQuery("user:anne", "viewer", "document:1")));
        await backend.WriteAsync(Latest, [new TupleKey("user:anne", "viewer", "document:1")], [], WriteConflictOptions.Idempotent);

        Assert.Single(harness.Server.RequestsTo("GET", ClientHarness.StorePath("/authorization-models")));
        Assert.Equal("01HVMMBD123DZ1A0M7VNTSPKK5",
            harness.Server.RequestsTo("POST", ClientHarness.StorePath("/check")).Single().Json.GetProperty("authorization_model_id").GetString());
        Assert.Equal("01HVMMBD123DZ1A0M7VNTSPKK5",
            harness.Server.RequestsTo("POST", ClientHarness.StorePath("/write")).Single().Json.GetProperty("authorization_model_id").GetString());
    }

    [Fact]
    public async Task Server_errors_surface_as_transient_or_permanent_api_exceptions()
    {
        await using var harness = await ClientHarness.StartAsync(o => o.MaxRetry = 0);
        harness.Server.FailNext("POST", ClientHarness.StorePath("/write"),
            FakeResponse.Error(400, "write_failed_due_to_invalid_input", "cannot write a tuple which already exists"),
            FakeResponse.Error(409, "Aborted", "transactional write failed due to conflict"));
        var backend = new OpenFgaBackend(harness.Client);
        TupleKey[] writes = [new TupleKey("user:anne", "viewer", "document:1")];

        var permanent = await Assert.ThrowsAsync<FgaApiValidationException>(() => backend.WriteAsync(Pinned, writes, [], WriteConflictOptions.Strict));
        var transient = await Assert.ThrowsAnyAsync<FgaApiException>(() => backend.WriteAsync(Pinned, writes, [], WriteConflictOptions.Idempotent));

        Assert.False(permanent.IsTransient);
        Assert.Equal("write_failed_due_to_invalid_input", permanent.Code);
        Assert.True(transient.IsTransient);
        Assert.Equal("Aborted", transient.Code);
    }
}
