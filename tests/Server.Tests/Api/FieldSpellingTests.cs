using System.Text.Json.Nodes;
using TypedFga.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TypedFga.Server.Tests.Api;

/// <summary>
/// Field names in request bodies, read as OpenFGA's gateway (protojson) reads them: by a field's JSON name or its
/// proto name. The two differ only for <c>computedUserset</c> and <c>tupleToUserset</c> of a model's usersets;
/// every other field declares its snake_case proto name as its JSON name, so a lowerCamelCase spelling such as
/// <c>tupleKey</c> is an unknown field, ignored by OpenFGA and by this server alike.
/// </summary>
public sealed class FieldSpellingTests(ServerFixture server, ITestOutputHelper output) : IClassFixture<ServerFixture>
{
    /// <summary>
    /// user; folder (viewer: [user]); document (parent: [folder]; owner: [user];
    /// viewer: [user] or owner or viewer from parent), with the userset field names left as placeholders.
    /// </summary>
    private const string FolderModelTemplate = """
        {
          "schema_version": "1.1",
          "type_definitions": [
            { "type": "user" },
            {
              "type": "folder",
              "relations": { "viewer": { "this": {} } },
              "metadata": { "relations": { "viewer": { "directly_related_user_types": [ { "type": "user" } ] } } }
            },
            {
              "type": "document",
              "relations": {
                "parent": { "this": {} },
                "owner": { "this": {} },
                "editor": { "{computed}": { "relation": "owner" } },
                "viewer": { "union": { "child": [
                  { "this": {} },
                  { "{computed}": { "relation": "owner" } },
                  { "{ttu}": { "tupleset": { "relation": "parent" }, "{inner}": { "relation": "viewer" } } }
                ] } }
              },
              "metadata": {
                "relations": {
                  "parent": { "directly_related_user_types": [ { "type": "folder" } ] },
                  "owner": { "directly_related_user_types": [ { "type": "user" } ] },
                  "viewer": { "directly_related_user_types": [ { "type": "user" } ] }
                }
              }
            }
          ]
        }
        """;

    public static TheoryData<string, string, string, string> UsersetSpellings => new()
    {
        { "JSON names", "computedUserset", "tupleToUserset", "computedUserset" },
        { "proto names", "computed_userset", "tuple_to_userset", "computed_userset" },
        { "proto names outside, a JSON name inside", "computed_userset", "tuple_to_userset", "computedUserset" },
        { "JSON names outside, a proto name inside", "computedUserset", "tupleToUserset", "computed_userset" },
    };

    [Theory]
    [MemberData(nameof(UsersetSpellings))]
    public async Task Userset_fields_read_in_either_spelling_give_the_same_model_and_answers(string what, string computed, string ttu, string inner)
    {
        var reference = await WriteFolderModelAsync("computedUserset", "tupleToUserset", "computedUserset");
        var spelled = await WriteFolderModelAsync(computed, ttu, inner);
        output.WriteLine($"{what}: {spelled.ModelBody}");

        Assert.True(JsonNode.DeepEquals(reference.TypeDefinitions, spelled.TypeDefinitions), "the models differ");
        Assert.DoesNotContain("computed_userset", spelled.ModelBody, StringComparison.Ordinal);
        Assert.DoesNotContain("tuple_to_userset", spelled.ModelBody, StringComparison.Ordinal);
        foreach (var (user, relation, allowed) in new[] { ("user:owner", "editor", true), ("user:owner", "viewer", true), ("user:reader", "viewer", true), ("user:reader", "editor", false) })
        {
            Assert.Equal(allowed, await CheckAsync(spelled.Store, user, relation));
        }
    }

    [Fact]
    public async Task One_relation_may_mix_both_spellings()
    {
        var (store, _) = await server.CreateStoreWithModelAsync(Models.Documents);
        var mixed = """
            {"schema_version":"1.1","type_definitions":[{"type":"user"},{"type":"document","relations":{
              "owner":{"this":{}},
              "viewer":{"union":{"child":[{"computed_userset":{"relation":"owner"}},{"computedUserset":{"relation":"editor"}}]}},
              "editor":{"this":{}}},
              "metadata":{"relations":{"owner":{"directly_related_user_types":[{"type":"user"}]},"editor":{"directly_related_user_types":[{"type":"user"}]}}}}]}
            """;

        var written = await server.PostAsync($"stores/{store}/authorization-models", mixed);
        var model = await server.GetAsync($"stores/{store}/authorization-models/{written.Json!["authorization_model_id"]!.GetValue<string>()}");

        Assert.Equal(201, written.Status);
        var children = model.Json!["authorization_model"]!["type_definitions"]![1]!["relations"]!["viewer"]!["union"]!["child"]!.AsArray();
        Assert.Equal(new[] { "owner", "editor" }, children.Select(child => child!["computedUserset"]!["relation"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("""{"computedUserset":{"relation":"owner"},"computed_userset":{"relation":"owner"}}""", "computedUserset", "computed_userset")]
    [InlineData("""{"computed_userset":{"relation":"owner"},"computedUserset":{"relation":"editor"}}""", "computedUserset", "computed_userset")]
    [InlineData("""{"tuple_to_userset":{"tupleset":{"relation":"parent"},"computed_userset":{"relation":"owner"}},"tupleToUserset":{"tupleset":{"relation":"parent"},"computedUserset":{"relation":"owner"}}}""", "tupleToUserset", "tuple_to_userset")]
    [InlineData("""{"tupleToUserset":{"tupleset":{"relation":"parent"},"computedUserset":{"relation":"owner"},"computed_userset":{"relation":"owner"}}}""", "computedUserset", "computed_userset")]
    public async Task A_field_given_in_both_spellings_is_a_validation_error_whichever_comes_first(string viewer, string jsonName, string protoName)
    {
        var (store, _) = await server.CreateStoreWithModelAsync(Models.Documents);
        var model = """
            {"schema_version":"1.1","type_definitions":[{"type":"user"},{"type":"document","relations":{
              "parent":{"this":{}},"owner":{"this":{}},"editor":{"this":{}},"viewer":{viewer}},
              "metadata":{"relations":{"parent":{"directly_related_user_types":[{"type":"document"}]},"owner":{"directly_related_user_types":[{"type":"user"}]},"editor":{"directly_related_user_types":[{"type":"user"}]}}}}]}
            """.Replace("{viewer}", viewer, StringComparison.Ordinal);

        var answer = await server.PostAsync($"stores/{store}/authorization-models", model);
        output.WriteLine(answer.ToString());

        Assert.Equal(400, answer.Status);
        Assert.Equal("validation_error", answer.Code);
        Assert.Contains($"the field \"{jsonName}\" is given twice, also as \"{protoName}\"", answer.Message, StringComparison.Ordinal);
    }

    /// <summary>Each case: the endpoint, a body with lowerCamelCase keys, and the same body without them.</summary>
    public static TheoryData<string, string, string, string> LowerCamelCaseBodies => new()
    {
        { "check", "stores/{store}/check", """{"tupleKey":{"user":"user:anne","relation":"viewer","object":"document:1"}}""", "{}" },
        { "check", "stores/{store}/check", """{"tuple_key":{"user":"user:bob","relation":"viewer","object":"document:1"},"contextualTuples":{"tupleKeys":[{"user":"user:bob","relation":"viewer","object":"document:1"}]}}""", """{"tuple_key":{"user":"user:bob","relation":"viewer","object":"document:1"}}""" },
        { "check", "stores/{store}/check", """{"tuple_key":{"user":"user:anne","relation":"viewer","object":"document:1"},"authorizationModelId":"01HZZZZZZZZZZZZZZZZZZZZZZZ"}""", """{"tuple_key":{"user":"user:anne","relation":"viewer","object":"document:1"}}""" },
        { "batch-check", "stores/{store}/batch-check", """{"checks":[{"tupleKey":{"user":"user:anne","relation":"viewer","object":"document:1"},"correlationId":"a"}]}""", """{"checks":[{}]}""" },
        { "expand", "stores/{store}/expand", """{"tupleKey":{"relation":"viewer","object":"document:1"}}""", "{}" },
        { "list-objects", "stores/{store}/list-objects", """{"type":"document","relation":"viewer","user":"user:bob","contextualTuples":{"tuple_keys":[{"user":"user:bob","relation":"viewer","object":"document:2"}]}}""", """{"type":"document","relation":"viewer","user":"user:bob"}""" },
        { "list-users", "stores/{store}/list-users", """{"object":{"type":"document","id":"1"},"relation":"viewer","userFilters":[{"type":"user"}]}""", """{"object":{"type":"document","id":"1"},"relation":"viewer"}""" },
        { "write", "stores/{store}/write", """{"writes":{"tupleKeys":[{"user":"user:carl","relation":"viewer","object":"document:1"}]}}""", """{"writes":{}}""" },
        { "write", "stores/{store}/write", """{"writes":{"tuple_keys":[{"user":"user:anne","relation":"viewer","object":"document:1"}],"onDuplicate":"ignore"}}""", """{"writes":{"tuple_keys":[{"user":"user:anne","relation":"viewer","object":"document:1"}]}}""" },
        { "read", "stores/{store}/read", """{"pageSize":1}""", "{}" },
        { "read", "stores/{store}/read", """{"tupleKey":{"object":"document:2"}}""", "{}" },
        { "write model", "stores/{store}/authorization-models", """{"schemaVersion":"1.1","typeDefinitions":[{"type":"user"}]}""", "{}" },
        { "write assertions", "stores/{store}/assertions/{model}", """{"assertions":[{"tupleKey":{"user":"user:anne","relation":"viewer","object":"document:1"},"expectation":true}]}""", """{"assertions":[{"expectation":true}]}""" },
    };

    [Theory]
    [MemberData(nameof(LowerCamelCaseBodies))]
    public async Task Lower_camel_case_spellings_of_snake_case_fields_are_ignored_like_unknown_fields(string what, string path, string camelCase, string without)
    {
        var (store, model) = await server.CreateStoreWithModelAsync(Models.Documents);
        await server.PostAsync($"stores/{store}/write", """{"writes":{"tuple_keys":[{"user":"user:anne","relation":"viewer","object":"document:1"},{"user":"user:anne","relation":"viewer","object":"document:2"}]}}""");
        var target = path.Replace("{store}", store, StringComparison.Ordinal).Replace("{model}", model, StringComparison.Ordinal);
        var method = what == "write assertions" ? HttpMethod.Put : HttpMethod.Post;

        var withCamelCase = await server.SendAsync(method, target, camelCase);
        var withoutThem = await server.SendAsync(method, target, without);
        output.WriteLine($"{what}: {withCamelCase} / {withoutThem}");

        Assert.Equal(withoutThem.Status, withCamelCase.Status);
        Assert.Equal(withoutThem.Code, withCamelCase.Code);
        if (withoutThem.Status == 200)
        {
            Assert.Equal(withoutThem.Body, withCamelCase.Body);
        }
    }

    private async Task<bool> CheckAsync(string store, string user, string relation)
    {
        var answer = await server.PostAsync($"stores/{store}/check", $$$"""{"tuple_key":{"user":"{{{user}}}","relation":"{{{relation}}}","object":"document:1"}}""");
        Assert.Equal(200, answer.Status);
        return answer.Json!["allowed"]!.GetValue<bool>();
    }

    private async Task<(string Store, string ModelBody, JsonNode TypeDefinitions)> WriteFolderModelAsync(string computed, string ttu, string inner)
    {
        var modelJson = FolderModelTemplate
            .Replace("{computed}", computed, StringComparison.Ordinal)
            .Replace("{ttu}", ttu, StringComparison.Ordinal)
            .Replace("{inner}", inner, StringComparison.Ordinal);
        var (store, model) = await server.CreateStoreWithModelAsync(modelJson);
        await server.PostAsync($"stores/{store}/write", """
            {"writes":{"tuple_keys":[
              {"user":"user:owner","relation":"owner","object":"document:1"},
              {"user":"folder:f","relation":"parent","object":"document:1"},
              {"user":"user:reader","relation":"viewer","object":"folder:f"}]}}
            """);
        var read = await server.GetAsync($"stores/{store}/authorization-models/{model}");
        Assert.Equal(200, read.Status);
        return (store, read.Body, read.Json!["authorization_model"]!["type_definitions"]!);
    }
}
