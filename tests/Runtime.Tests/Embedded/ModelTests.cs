using System.Net;
using TypedFga.Embedded;
using TypedFga.Embedded.Errors;
using TypedFga.Wire;

namespace TypedFga.Tests.Embedded;

public sealed class ModelTests
{
    [Theory]
    [InlineData("""{"schema_version":"1.1","type_definitions":[{"type":"user"},{"type":"doc","relations":{"viewer":{"computedUserset":{"relation":"editor"}}}}]}""")]
    [InlineData("""{"schema_version":"1.1","type_definitions":[{"type":"user"},{"type":"doc","relations":{"viewer":{"this":{}}},"metadata":{"relations":{"viewer":{"directly_related_user_types":[{"type":"team"}]}}}}]}""")]
    [InlineData("""{"schema_version":"1.1","type_definitions":[{"type":"user"},{"type":"doc","relations":{"viewer":{"this":{}}},"metadata":{"relations":{"viewer":{"directly_related_user_types":[{"type":"doc","relation":"viewer"}]}}}}]}""")]
    [InlineData("""{"schema_version":"1.1","type_definitions":[{"type":"user"},{"type":"doc","relations":{"editor":{"this":{}},"viewer":{"tupleToUserset":{"tupleset":{"relation":"editor"},"computedUserset":{"relation":"viewer"}}}},"metadata":{"relations":{"editor":{"directly_related_user_types":[{"type":"user"}]}}}}]}""")]
    [InlineData("""{"schema_version":"1.1","type_definitions":[{"type":"user"},{"type":"doc","relations":{"viewer":{"this":{}}},"metadata":{"relations":{"viewer":{"directly_related_user_types":[{"type":"user","condition":"c"}]}}}}],"conditions":{"c":{"name":"c","expression":"x < limit","parameters":{"x":{"type_name":"TYPE_NAME_INT"}}}}}""")]
    [InlineData("""{"schema_version":"1.0","type_definitions":[{"type":"user"}]}""")]
    public async Task Invalid_models_are_refused(string json)
    {
        using var engine = new EmbeddedOpenFga();
        var store = await engine.CreateStoreAsync(new CreateStoreRequest { Name = "models" });

        var error = await Assert.ThrowsAsync<FgaEngineException>(() => engine.WriteAuthorizationModelAsync(store.Id, json));

        Assert.Equal(FgaErrorCode.InvalidAuthorizationModel, error.ErrorCode);
    }

    [Theory]
    [InlineData("""{"viewer":{"this":{}}}""", "", "the assignable relation 'viewer' in object type 'doc' must contain at least one relation type")]
    [InlineData("""{"owner":{"this":{}},"viewer":{"computedUserset":{"relation":"owner"}}}""", """{"owner":{"directly_related_user_types":[{"type":"user"}]},"viewer":{"directly_related_user_types":[{"type":"user"}]}}""", "the non-assignable relation 'viewer' in object type 'doc' should not contain a relation type")]
    [InlineData("""{"viewer":{}}""", "", "the definition of relation 'viewer' in object type 'doc' is invalid: invalid userset rewrite definition")]
    [InlineData("""{"viewer":{"union":{"child":[]}}}""", "", "the definition of relation 'viewer' in object type 'doc' is invalid: invalid userset rewrite definition")]
    [InlineData("""{"viewer":{"this":{}}}""", """{"viewer":{"directly_related_user_types":[{"type":"user","relation":"x","wildcard":{}}]}}""", "the relation type 'user:*' on 'viewer' in object type 'doc' cannot have a relation")]
    [InlineData("""{"viewer":{"this":{}}}""", """{"viewer":{"directly_related_user_types":[{"type":"team"}]}}""", "the relation type 'team' on 'viewer' in object type 'doc' is not valid")]
    [InlineData("""{"viewer":{"union":{"child":[{"this":{}},{"computedUserset":{"relation":"viewer"}}]}}}""", """{"viewer":{"directly_related_user_types":[{"type":"user"}]}}""", "the definition of relation 'viewer' in object type 'doc' is invalid: an authorization model cannot contain a cycle")]
    [InlineData("""{"viewer":{"computedUserset":{"relation":"editor"}}}""", "", "'doc#editor' relation is undefined (used by 'viewer')")]
    public async Task Json_models_are_refused_with_messages_that_name_the_type_and_relation(string relations, string metadata, string message)
    {
        using var engine = new EmbeddedOpenFga();
        var store = await engine.CreateStoreAsync(new CreateStoreRequest { Name = "models" });
        var json = $$"""{"schema_version":"1.1","type_definitions":[{"type":"user"},{"type":"doc","relations":{{relations}}{{(metadata.Length == 0 ? "" : $$""","metadata":{"relations":{{metadata}}}""")}}}]}""";

        var error = await Assert.ThrowsAsync<FgaEngineException>(() => engine.WriteAuthorizationModelAsync(store.Id, json));

        Assert.Equal(FgaErrorCode.InvalidAuthorizationModel, error.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal(message, error.ServerMessage);
    }

    [Fact]
    public async Task A_condition_parameter_with_an_unknown_element_type_is_refused()
    {
        using var engine = new EmbeddedOpenFga();
        var store = await engine.CreateStoreAsync(new CreateStoreRequest { Name = "models" });
        const string json = """
            {"schema_version":"1.1","type_definitions":[{"type":"user"},{"type":"doc","relations":{"viewer":{"this":{}}},
             "metadata":{"relations":{"viewer":{"directly_related_user_types":[{"type":"user","condition":"c"}]}}}}],
             "conditions":{"c":{"name":"c","expression":"size(xs) > 0","parameters":{"xs":{"type_name":"TYPE_NAME_LIST","generic_types":[{"type_name":"TYPE_NAME_WHATEVER"}]}}}}}
            """;

        var error = await Assert.ThrowsAsync<FgaEngineException>(() => engine.WriteAuthorizationModelAsync(store.Id, json));

        Assert.Equal(FgaErrorCode.InvalidAuthorizationModel, error.ErrorCode);
        Assert.Contains("unknown type", error.ServerMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_are_read_back_newest_first_and_the_latest_is_used_by_default()
    {
        using var fixture = await EngineFixture.CreateAsync();
        var second = await fixture.Engine.WriteAuthorizationModelAsync(fixture.StoreId, EngineFixture.ModelJson);

        var models = await fixture.Engine.ReadAuthorizationModelsAsync(fixture.StoreId, pageSize: 1);
        Assert.Equal(second.AuthorizationModelId, models.AuthorizationModels[0].Id);
        Assert.NotEqual("", models.ContinuationToken);
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{26}$", second.AuthorizationModelId);

        var read = await fixture.Engine.ReadAuthorizationModelAsync(fixture.StoreId, fixture.ModelId);
        Assert.Equal(4, read.AuthorizationModel!.TypeDefinitions!.Count);

        var missing = await Assert.ThrowsAsync<FgaEngineException>(() => fixture.Engine.ReadAuthorizationModelAsync(fixture.StoreId, "01HZZZZZZZZZZZZZZZZZZZZZZZ"));
        Assert.Equal(FgaErrorCode.AuthorizationModelNotFound, missing.ErrorCode);
        var noStore = await Assert.ThrowsAsync<FgaEngineException>(() => fixture.Engine.GetStoreAsync("01HZZZZZZZZZZZZZZZZZZZZZZZ"));
        Assert.Equal(HttpStatusCode.NotFound, noStore.StatusCode);
    }

    [Fact]
    public async Task EmbeddedFgaClient_grants_revokes_idempotently_and_checks()
    {
        using var fixture = await EngineFixture.CreateAsync();
        IFgaClient client = new EmbeddedFgaClient(fixture.Engine, fixture.StoreId, fixture.ModelId);
        var tuple = new TupleKey("user:anne", "owner", "document:1");

        await client.GrantAsync(tuple);
        await client.GrantAsync(tuple);
        Assert.True(await client.CheckAsync(new CheckQuery("user:anne", "viewer", "document:1")));

        await client.RevokeAsync(tuple);
        await client.RevokeAsync(tuple);
        Assert.False(await client.CheckAsync(new CheckQuery("user:anne", "viewer", "document:1")));
        Assert.True(await client.CheckAsync(new CheckQuery("user:anne", "viewer", "document:1", ContextualTuples: [tuple])));

        await client.GrantAsync(new TupleKey("user:bob", "editor", "document:1", new RelationshipCondition("in_office", new Dictionary<string, object?>
        {
            ["cidr"] = "10.0.0.0/8",
            ["until"] = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero),
        })));
        Assert.True(await client.CheckAsync(new CheckQuery("user:bob", "editor", "document:1", new Dictionary<string, object?>
        {
            ["ip"] = "10.0.0.1",
            ["now"] = new DateTimeOffset(2029, 1, 1, 0, 0, 0, TimeSpan.Zero),
        })));
    }
}
