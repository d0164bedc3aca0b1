using System.Text.Json;
using TypedFga.Backends;
using TypedFga.Runtime.Tests.OpenFga.Fakes;
using TypedFga.Wire;

namespace TypedFga.Runtime.Tests.OpenFga;

public sealed class OpenFgaQueryTests
{
    [Fact]
    public async Task Check_sends_snake_case_with_context_contextual_tuples_and_the_configured_model()
    {
        await using var harness = await ClientHarness.StartAsync();
        harness.Server.Respond("POST", ClientHarness.StorePath("/check"), FakeResponse.Json("""{"allowed":true,"resolution":""}"""));

        var answer = await harness.Client.CheckAsync(new CheckRequest
        {
            TupleKey = new TupleKeyWithoutCondition { User = "user:anne", Relation = "viewer", Object = "document:1" },
            ContextualTuples = new ContextualTupleKeys { TupleKeys = [ApiTupleKey.Of("user:anne", "member", "team:eng")] },
            Context = WireRequests.ContextOf(new Dictionary<string, object?> { ["ip"] = "10.0.0.1", ["at"] = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc) }),
            Consistency = ConsistencyPreference.MinimizeLatency,
        });

        Assert.True(answer.Allowed);
        Assert.Equal(
            """{"tuple_key":{"user":"user:anne","relation":"viewer","object":"document:1"},"contextual_tuples":{"tuple_keys":[{"user":"user:anne","relation":"member","object":"team:eng"}]},"authorization_model_id":"01HVMMBD123DZ1A0M7VNTSPKK6","context":{"ip":"10.0.0.1","at":"2024-01-01T00:00:00Z"},"consistency":"MINIMIZE_LATENCY"}""",
            harness.Server.Requests.Single().Body);
    }

    [Fact]
    public async Task Check_reads_a_null_allowed_as_false_and_prefers_the_request_model_id()
    {
        await using var harness = await ClientHarness.StartAsync();
        harness.Server.Respond("POST", ClientHarness.StorePath("/check"), FakeResponse.Json("""{"allowed":null,"resolution":null}"""));

        var answer = await harness.Client.CheckAsync(new CheckRequest
        {
            TupleKey = new TupleKeyWithoutCondition { User = "user:anne", Relation = "viewer", Object = "document:1" },
            AuthorizationModelId = "01HVMMBD123DZ1A0M7VNTSPKK9",
        });

        Assert.False(answer.Allowed);
        Assert.Equal("", answer.Resolution);
        Assert.Equal("01HVMMBD123DZ1A0M7VNTSPKK9", harness.Server.Requests.Single().Json.GetProperty("authorization_model_id").GetString());
    }

    [Fact]
    public async Task BatchCheck_splits_120_checks_into_three_calls_and_maps_answers_back_by_correlation_id()
    {
        await using var harness = await ClientHarness.StartAsync();
        // The fake allows every check on an even document and fails document:7 with an input error.
        harness.Server.Respond("POST", ClientHarness.StorePath("/batch-check"), request =>
        {
            var result = new Dictionary<string, object>();
            foreach (var check in request.Json.GetProperty("checks").EnumerateArray())
            {
                var id = int.Parse(check.GetProperty("tuple_key").GetProperty("object").GetString()!["document:".Length..]);
                result[check.GetProperty("correlation_id").GetString()!] = id == 7
                    ? new { error = new { input_error = "validation_error", message = "bad" } }
                    : new { allowed = id % 2 == 0 };
            }

            return FakeResponse.Json(JsonSerializer.Serialize(new { result }));
        });
        var checks = Enumerable.Range(0, 120).Select(i => new BatchCheckItem
        {
            TupleKey = new TupleKeyWithoutCondition { User = "user:anne", Relation = "viewer", Object = $"document:{i}" },
            CorrelationId = i == 3 ? "caller-chosen-id" : null,
        }).ToArray();

        var results = await harness.Client.BatchCheckAsync(new BatchCheckRequest { Checks = checks });

        var calls = harness.Server.RequestsTo("POST", ClientHarness.StorePath("/batch-check"));
        Assert.Equal([20, 50, 50], calls.Select(c => c.Json.GetProperty("checks").GetArrayLength()).Order());
        Assert.All(calls, c => Assert.Equal(ClientHarness.ModelId, c.Json.GetProperty("authorization_model_id").GetString()));
        Assert.Single(calls.Select(c => c.Header("X-OpenFGA-Client-Bulk-Request-Id")).Distinct());
        Assert.Equal(120, results.Select(r => r.CorrelationId).Distinct().Count());
        Assert.Equal("caller-chosen-id", results[3].CorrelationId);
        for (var i = 0; i < 120; i++)
        {
            Assert.Equal($"document:{i}", results[i].Check.TupleKey!.Object);
            Assert.Equal(i % 2 == 0 && i != 7, results[i].Allowed);
        }

        Assert.Equal("validation_error", results[7].Error!.InputError);
        Assert.Equal("bad", results[7].Error!.Message);
        Assert.Null(results[8].Error);
    }

    [Fact]
    public async Task BatchCheck_reports_a_check_the_server_did_not_answer()
    {
        await using var harness = await ClientHarness.StartAsync();
        harness.Server.Respond("POST", ClientHarness.StorePath("/batch-check"), FakeResponse.Json("""{"result":{"a":{"allowed":true},"b":null}}"""));

        var results = await harness.Client.BatchCheckAsync(new BatchCheckRequest
        {
            Checks = new[] { "a", "b", "c" }.Select(id => new BatchCheckItem { CorrelationId = id }).ToArray(),
        });

        Assert.True(results[0].Allowed);
        Assert.Contains("'b'", results[1].Error!.Message);
        Assert.Contains("'c'", results[2].Error!.Message);
        Assert.False(results[2].Allowed);
    }

    [Fact]
    public async Task BatchCheck_refuses_duplicate_correlation_ids_before_sending()
    {
        await using var harness = await ClientHarness.StartAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => harness.Client.BatchCheckAsync(new BatchCheckRequest
        {
            Checks = [new BatchCheckItem { CorrelationId = "x" }, new BatchCheckItem { CorrelationId = "x" }],
        }));

        Assert.Contains("'x'", error.Message);
        Assert.Empty(harness.Server.Requests);
    }

    [Fact]
    public async Task BatchCheck_sends_at_most_the_configured_batch_size_per_call()
    {
        await using var harness = await ClientHarness.StartAsync(o => o.MaxBatchCheckSize = 7);
        harness.Server.Respond("POST", ClientHarness.StorePath("/batch-check"), FakeResponse.Json("""{"result":{}}"""));

        await harness.Client.BatchCheckAsync(new BatchCheckRequest { Checks = Enumerable.Range(0, 15).Select(_ => new BatchCheckItem()).ToArray() });

        Assert.Equal([1, 7, 7], harness.Server.Requests.Select(c => c.Json.GetProperty("checks").GetArrayLength()).Order());
    }

    [Fact]
    public async Task ListObjects_sends_the_request_and_reads_the_objects()
    {
        await using var harness = await ClientHarness.StartAsync();
        harness.Server.Respond("POST", ClientHarness.StorePath("/list-objects"), FakeResponse.Json("""{"objects":["document:1","document:2"]}"""));

        var answer = await harness.Client.ListObjectsAsync(new ListObjectsRequest
        {
            Type = "document",
            Relation = "viewer",
            User = "user:anne",
            ContextualTuples = new ContextualTupleKeys { TupleKeys = [ApiTupleKey.Of("user:anne", "viewer", "document:3")] },
        });

        Assert.Equal(["document:1", "document:2"], answer.Objects!);
        Assert.Equal(
            """{"authorization_model_id":"01HVMMBD123DZ1A0M7VNTSPKK6","type":"document","relation":"viewer","user":"user:anne","contextual_tuples":{"tuple_keys":[{"user":"user:anne","relation":"viewer","object":"document:3"}]}}""",
            harness.Server.Requests.Single().Body);
    }

    [Fact]
    public async Task ListUsers_sends_contextual_tuples_as_a_plain_array_and_reads_every_kind_of_user()
    {
        await using var harness = await ClientHarness.StartAsync();
        harness.Server.Respond("POST", ClientHarness.StorePath("/list-users"), FakeResponse.Json(
            """{"users":[{"object":{"type":"user","id":"anne"}},{"userset":{"type":"group","id":"eng","relation":"member"}},{"wildcard":{"type":"user"}},{"object":null}]}"""));

        var answer = await harness.Client.ListUsersAsync(new ListUsersRequest
        {
            Object = new FgaObject { Type = "document", Id = "1" },
            Relation = "viewer",
            UserFilters = [new UserTypeFilter { Type = "user" }],
            ContextualTuples = [ApiTupleKey.Of("user:bob", "viewer", "document:1")],
        });

        Assert.Equal(["user:anne", "group:eng#member", "user:*", ""], answer.Users!.Select(u => u.ToString()));
        var body = harness.Server.Requests.Single().Json;
        Assert.Equal(JsonValueKind.Array, body.GetProperty("contextual_tuples").ValueKind);
        Assert.Equal("""[{"type":"user"}]""", body.GetProperty("user_filters").GetRawText());
        Assert.Equal(ClientHarness.ModelId, body.GetProperty("authorization_model_id").GetString());
    }
}
