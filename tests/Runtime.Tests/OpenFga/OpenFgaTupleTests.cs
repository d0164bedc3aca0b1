using System.Text.Json;
using TypedFga.Backends;
using TypedFga.OpenFga;
using TypedFga.Runtime.Tests.OpenFga.Fakes;
using TypedFga.Wire;

namespace TypedFga.Runtime.Tests.OpenFga;

public sealed class OpenFgaTupleTests
{
    [Fact]
    public async Task Write_places_on_duplicate_in_writes_and_on_missing_in_deletes_and_always_sends_the_model_id()
    {
        await using var harness = await ClientHarness.StartAsync();
        harness.Server.Respond("POST", ClientHarness.StorePath("/write"), FakeResponse.Json("{}"));
        var condition = new RelationshipCondition("in_office_hours", new Dictionary<string, object?>
        {
            ["starts"] = new DateTimeOffset(2024, 5, 1, 9, 0, 0, TimeSpan.FromHours(2)),
            ["length"] = TimeSpan.FromHours(1),
            ["rooms"] = new[] { "a", "b" },
            ["limits"] = new Dictionary<string, object?> { ["max"] = 3, ["ratio"] = 0.5 },
            ["note"] = null,
        });

        await harness.Client.WriteAsync(new WriteRequest
        {
            Writes = new WriteRequestWrites
            {
                TupleKeys = [WireRequests.KeyOf(new TupleKey("user:anne", "viewer", "document:1", condition))],
                OnDuplicate = WriteConflictAction.Ignore,
            },
            Deletes = new WriteRequestDeletes
            {
                TupleKeys = [new TupleKeyWithoutCondition { User = "user:bob", Relation = "editor", Object = "document:1" }],
                OnMissing = WriteConflictAction.Error,
            },
        });

        var body = harness.Server.Requests.Single().Json;
        Assert.Equal(ClientHarness.ModelId, body.GetProperty("authorization_model_id").GetString());
        Assert.Equal("ignore", body.GetProperty("writes").GetProperty("on_duplicate").GetString());
        Assert.Equal("error", body.GetProperty("deletes").GetProperty("on_missing").GetString());
        Assert.False(body.TryGetProperty("on_duplicate", out _));
        var written = body.GetProperty("writes").GetProperty("tuple_keys")[0];
        Assert.Equal("user:anne", written.GetProperty("user").GetString());
        Assert.Equal("viewer", written.GetProperty("relation").GetString());
        Assert.Equal("document:1", written.GetProperty("object").GetString());
        Assert.Equal("in_office_hours", written.GetProperty("condition").GetProperty("name").GetString());
        Assert.Equal(
            """{"starts":"2024-05-01T07:00:00Z","length":"3600s","rooms":["a","b"],"limits":{"max":3,"ratio":0.5},"note":null}""",
            written.GetProperty("condition").GetProperty("context").GetRawText());
        Assert.Equal("""{"user":"user:bob","relation":"editor","object":"document:1"}""",
            body.GetProperty("deletes").GetProperty("tuple_keys")[0].GetRawText());
    }

    [Fact]
    public async Task Write_leaves_out_an_empty_side_and_an_unset_conflict_option()
    {
        await using var harness = await ClientHarness.StartAsync();
        harness.Server.Respond("POST", ClientHarness.StorePath("/write"), FakeResponse.Json("{}"));

        await harness.Client.WriteAsync(new WriteRequest
        {
            Writes = new WriteRequestWrites { TupleKeys = [] },
            Deletes = new WriteRequestDeletes { TupleKeys = [new TupleKeyWithoutCondition { User = "user:bob", Relation = "editor", Object = "document:1" }] },
            AuthorizationModelId = "01HVMMBD123DZ1A0M7VNTSPKK9",
        });

        Assert.Equal(
            """{"deletes":{"tuple_keys":[{"user":"user:bob","relation":"editor","object":"document:1"}]},"authorization_model_id":"01HVMMBD123DZ1A0M7VNTSPKK9"}""",
            harness.Server.Requests.Single().Body);
    }

    [Fact]
    public async Task Write_without_any_tuple_is_refused_before_sending()
    {
        await using var harness = await ClientHarness.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => harness.Client.WriteAsync(new WriteRequest()));

        Assert.Empty(harness.Server.Requests);
    }

    [Fact]
    public async Task ReadAll_follows_continuation_tokens_and_accepts_nulls_in_tuples()
    {
        await using var harness = await ClientHarness.StartAsync();
        harness.Server.Respond("POST", ClientHarness.StorePath("/read"), request =>
            request.Json.TryGetProperty("continuation_token", out var token) ? token.GetString() switch
            {
                "page2" => FakeResponse.Json(
                    """{"tuples":[{"key":{"user":"user:c","relation":"viewer","object":"document:1","condition":{"name":"c1","context":{"n":1}}},"timestamp":null}],"continuation_token":"page3"}"""),
                _ => FakeResponse.Json("""{"tuples":null,"continuation_token":""}"""),
            }
            : FakeResponse.Json(
                """{"tuples":[{"key":{"user":"user:a","relation":"viewer","object":"document:1","condition":null},"timestamp":"2024-01-01T00:00:00Z"},{"key":{"user":"user:b","relation":"viewer","object":"document:1"},"timestamp":"2024-01-01T00:00:01.5Z"}],"continuation_token":"page2"}"""));

        var tuples = new List<ApiTuple>();
        await foreach (var tuple in harness.Client.ReadAllAsync(new ReadRequest
        {
            TupleKey = new ReadRequestTupleKey { Object = "document:1" },
            PageSize = 2,
            Consistency = ConsistencyPreference.HigherConsistency,
        }))
        {
            tuples.Add(tuple);
        }

        Assert.Equal(["user:a", "user:b", "user:c"], tuples.Select(t => t.Key!.User));
        Assert.Null(tuples[0].Key!.Condition);
        Assert.Null(tuples[2].Timestamp);
        Assert.Equal(1L, tuples[2].Key!.Condition!.Context!["n"]!.GetValue<long>());
        var bodies = harness.Server.Requests.Select(r => r.Body).ToArray();
        Assert.Equal(3, bodies.Length);
        Assert.Equal("""{"tuple_key":{"object":"document:1"},"page_size":2,"consistency":"HIGHER_CONSISTENCY"}""", bodies[0]);
        Assert.Contains("\"continuation_token\":\"page2\"", bodies[1]);
        Assert.Contains("\"continuation_token\":\"page3\"", bodies[2]);
    }

    [Fact]
    public async Task Read_without_a_filter_sends_an_empty_body()
    {
        await using var harness = await ClientHarness.StartAsync();
        harness.Server.Respond("POST", ClientHarness.StorePath("/read"), FakeResponse.Json("""{"tuples":[],"continuation_token":""}"""));

        var page = await harness.Client.ReadAsync();

        Assert.Empty(page.Tuples!);
        Assert.Equal("{}", harness.Server.Requests.Single().Body);
    }

    [Fact]
    public async Task ReadChanges_sends_its_filters_in_the_query()
    {
        await using var harness = await ClientHarness.StartAsync();
        harness.Server.Respond("GET", ClientHarness.StorePath("/changes"), FakeResponse.Json(
            """{"changes":[{"tuple_key":{"user":"user:a","relation":"viewer","object":"document:1","condition":null},"operation":"TUPLE_OPERATION_DELETE","timestamp":"2024-01-01T00:00:00Z"}],"continuation_token":"next"}"""));

        var page = await harness.Client.ReadChangesAsync(type: "document", pageSize: 10, startTime: new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal("?type=document&page_size=10&start_time=2024-01-01T00%3A00%3A00Z", harness.Server.Requests.Single().Query);
        var change = Assert.Single(page.Changes!);
        Assert.Equal("TUPLE_OPERATION_DELETE", change.Operation);
        Assert.Equal("document:1", change.TupleKey!.Object);
        Assert.Equal("next", page.ContinuationToken);
    }
}
