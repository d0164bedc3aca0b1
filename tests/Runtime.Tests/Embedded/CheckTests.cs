using System.Text.Json.Nodes;
using TypedFga.Embedded;
using TypedFga.Embedded.Errors;
using TypedFga.Wire;

namespace TypedFga.Tests.Embedded;

public sealed class CheckTests
{
    [Fact]
    public async Task Check_follows_computed_usersets_tuple_to_userset_wildcards_groups_and_exclusion()
    {
        using var fixture = await EngineFixture.CreateAsync();
        await fixture.WriteAsync(
            ApiTupleKey.Of("user:owner", "owner", "document:1"),
            ApiTupleKey.Of("folder:f", "parent", "document:1"),
            ApiTupleKey.Of("user:folks", "viewer", "folder:f"),
            ApiTupleKey.Of("group:eng#member", "viewer", "document:1"),
            ApiTupleKey.Of("group:core#member", "member", "group:eng"),
            ApiTupleKey.Of("user:dev", "member", "group:core"),
            ApiTupleKey.Of("user:*", "viewer", "document:2"),
            ApiTupleKey.Of("user:troll", "blocked", "document:2"));

        Assert.True(await fixture.CheckAsync("user:owner", "viewer", "document:1"));
        Assert.True(await fixture.CheckAsync("user:folks", "viewer", "document:1"));
        Assert.True(await fixture.CheckAsync("user:dev", "viewer", "document:1"));
        Assert.True(await fixture.CheckAsync("group:core#member", "viewer", "document:1"));
        Assert.False(await fixture.CheckAsync("user:stranger", "viewer", "document:1"));
        Assert.True(await fixture.CheckAsync("user:anyone", "can_view", "document:2"));
        Assert.False(await fixture.CheckAsync("user:troll", "can_view", "document:2"));
    }

    [Fact]
    public async Task Conditions_use_the_request_context_under_the_tuple_context_and_fail_on_missing_parameters()
    {
        using var fixture = await EngineFixture.CreateAsync();
        await fixture.WriteAsync(ApiTupleKey.Of("user:anne", "editor", "document:1", new ApiRelationshipCondition
        {
            Name = "in_office",
            Context = new JsonObject { ["cidr"] = "10.0.0.0/8", ["until"] = "2030-01-01T00:00:00Z" },
        }));

        Assert.True(await fixture.CheckAsync("user:anne", "editor", "document:1", new JsonObject { ["ip"] = "10.1.2.3", ["now"] = "2029-12-31T23:59:59Z" }));
        Assert.False(await fixture.CheckAsync("user:anne", "editor", "document:1", new JsonObject { ["ip"] = "192.168.1.1", ["now"] = "2029-01-01T00:00:00Z" }));
        // The tuple's own cidr wins over the request's.
        Assert.False(await fixture.CheckAsync("user:anne", "editor", "document:1", new JsonObject { ["ip"] = "192.168.1.1", ["cidr"] = "192.168.0.0/16", ["now"] = "2029-01-01T00:00:00Z" }));

        var error = await Assert.ThrowsAsync<FgaEngineException>(() => fixture.CheckAsync("user:anne", "editor", "document:1", new JsonObject { ["ip"] = "10.1.2.3" }));
        Assert.Equal(FgaErrorCode.ValidationError, error.ErrorCode);
        Assert.Contains("now", error.ServerMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Contextual_tuples_count_for_one_check_and_must_fit_the_model()
    {
        using var fixture = await EngineFixture.CreateAsync();
        var request = new CheckRequest
        {
            TupleKey = TupleKeyWithoutCondition.Of("user:anne", "viewer", "document:1"),
            ContextualTuples = new ContextualTupleKeys { TupleKeys = [ApiTupleKey.Of("user:anne", "owner", "document:1")] },
        };

        Assert.True((await fixture.Engine.CheckAsync(fixture.StoreId, request)).Allowed);
        Assert.False(await fixture.CheckAsync("user:anne", "viewer", "document:1"));

        var invalid = request with { ContextualTuples = new ContextualTupleKeys { TupleKeys = [ApiTupleKey.Of("user:*", "owner", "document:1")] } };
        var error = await Assert.ThrowsAsync<FgaEngineException>(() => fixture.Engine.CheckAsync(fixture.StoreId, invalid));
        Assert.Equal(FgaErrorCode.InvalidTuple, error.ErrorCode);
    }

    [Fact]
    public async Task A_group_cycle_is_denied_and_an_overlong_chain_fails_with_error_2002()
    {
        using var fixture = await EngineFixture.CreateAsync(new EmbeddedOpenFgaOptions { ResolveNodeLimit = 5 });
        await fixture.WriteAsync(
            ApiTupleKey.Of("group:a#member", "member", "group:b"),
            ApiTupleKey.Of("group:b#member", "member", "group:a"));
        Assert.False(await fixture.CheckAsync("user:anne", "member", "group:a"));

        await fixture.WriteAsync(Enumerable.Range(0, 8).Select(i => ApiTupleKey.Of($"group:c{i + 1}#member", "member", $"group:c{i}")).Append(ApiTupleKey.Of("user:anne", "member", "group:c8")).ToArray());
        var error = await Assert.ThrowsAsync<FgaEngineException>(() => fixture.CheckAsync("user:anne", "member", "group:c0"));
        Assert.Equal(FgaErrorCode.AuthorizationModelResolutionTooComplex, error.ErrorCode);
        Assert.True(await fixture.CheckAsync("user:anne", "member", "group:c5"));
    }

    [Fact]
    public async Task BatchCheck_answers_each_check_by_correlation_id_and_refuses_duplicate_ids()
    {
        using var fixture = await EngineFixture.CreateAsync();
        await fixture.WriteAsync(ApiTupleKey.Of("user:anne", "owner", "document:1"));

        var response = await fixture.Engine.BatchCheckAsync(fixture.StoreId, new BatchCheckRequest
        {
            Checks =
            [
                new BatchCheckItem { CorrelationId = "a", TupleKey = TupleKeyWithoutCondition.Of("user:anne", "editor", "document:1") },
                new BatchCheckItem { CorrelationId = "b", TupleKey = TupleKeyWithoutCondition.Of("user:bob", "editor", "document:1") },
                new BatchCheckItem { CorrelationId = "c", TupleKey = TupleKeyWithoutCondition.Of("user:bob", "nope", "document:1") },
            ],
        });

        Assert.True(response.Result["a"]!.Allowed);
        Assert.False(response.Result["b"]!.Allowed);
        Assert.Equal("validation_error", response.Result["c"]!.Error!.InputError);

        var error = await Assert.ThrowsAsync<FgaEngineException>(() => fixture.Engine.BatchCheckAsync(fixture.StoreId, new BatchCheckRequest
        {
            Checks = [new BatchCheckItem { CorrelationId = "x", TupleKey = TupleKeyWithoutCondition.Of("user:anne", "owner", "document:1") }, new BatchCheckItem { CorrelationId = "x", TupleKey = TupleKeyWithoutCondition.Of("user:anne", "owner", "document:1") }],
        }));
        Assert.Contains("duplicate correlation id", error.ServerMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListObjects_ListUsers_and_Expand_agree_with_Check()
    {
        using var fixture = await EngineFixture.CreateAsync();
        await fixture.WriteAsync(
            ApiTupleKey.Of("user:anne", "owner", "document:1"),
            ApiTupleKey.Of("user:anne", "viewer", "document:2"),
            ApiTupleKey.Of("user:*", "viewer", "document:3"),
            ApiTupleKey.Of("user:bob", "viewer", "document:4"));

        var objects = await fixture.Engine.ListObjectsAsync(fixture.StoreId, new ListObjectsRequest { User = "user:anne", Relation = "viewer", Type = "document" });
        Assert.Equal(["document:1", "document:2", "document:3"], objects.Objects.Order());

        var users = await fixture.Engine.ListUsersAsync(fixture.StoreId, new ListUsersRequest
        {
            Object = new FgaObject { Type = "document", Id = "3" },
            Relation = "viewer",
            UserFilters = [new UserTypeFilter { Type = "user" }],
        });
        Assert.Equal(["user:*"], users.Users.Select(u => u.ToString()));

        var tree = await fixture.Engine.ExpandAsync(fixture.StoreId, new ExpandRequest { TupleKey = new ExpandRequestTupleKey { Object = "document:1", Relation = "editor" } });
        var union = tree.Tree!.Root!.Union!.Nodes;
        Assert.Empty(union[0].Leaf!.Users!.Users);
        Assert.Equal("document:1#owner", union[1].Leaf!.Computed!.Userset);
    }
}
