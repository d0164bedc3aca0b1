using TypedFga.Embedded;
using TypedFga.Wire;

namespace TypedFga.Tests.Embedded;

/// <summary>An in-memory engine with one store and a small model with a condition, for one test.</summary>
internal sealed class EngineFixture : IDisposable
{
    public const string ModelJson = """
        {"schema_version":"1.1","type_definitions":[
          {"type":"user"},
          {"type":"group","relations":{"member":{"this":{}}},
           "metadata":{"relations":{"member":{"directly_related_user_types":[{"type":"user"},{"type":"group","relation":"member"}]}}}},
          {"type":"folder","relations":{"viewer":{"this":{}}},
           "metadata":{"relations":{"viewer":{"directly_related_user_types":[{"type":"user"}]}}}},
          {"type":"document","relations":{
             "parent":{"this":{}},
             "owner":{"this":{}},
             "blocked":{"this":{}},
             "editor":{"union":{"child":[{"this":{}},{"computedUserset":{"relation":"owner"}}]}},
             "viewer":{"union":{"child":[{"this":{}},{"computedUserset":{"relation":"editor"}},{"tupleToUserset":{"tupleset":{"relation":"parent"},"computedUserset":{"relation":"viewer"}}}]}},
             "can_view":{"difference":{"base":{"computedUserset":{"relation":"viewer"}},"subtract":{"computedUserset":{"relation":"blocked"}}}}},
           "metadata":{"relations":{
             "parent":{"directly_related_user_types":[{"type":"folder"}]},
             "owner":{"directly_related_user_types":[{"type":"user"}]},
             "blocked":{"directly_related_user_types":[{"type":"user"}]},
             "editor":{"directly_related_user_types":[{"type":"user"},{"type":"user","condition":"in_office"}]},
             "viewer":{"directly_related_user_types":[{"type":"user"},{"type":"user","wildcard":{}},{"type":"group","relation":"member"}]}}}}],
         "conditions":{"in_office":{"name":"in_office","expression":"ip.in_cidr(cidr) && now < until",
           "parameters":{"ip":{"type_name":"TYPE_NAME_IPADDRESS"},"cidr":{"type_name":"TYPE_NAME_STRING"},
                         "now":{"type_name":"TYPE_NAME_TIMESTAMP"},"until":{"type_name":"TYPE_NAME_TIMESTAMP"}}}}}
        """;

    private EngineFixture(EmbeddedOpenFga engine, string storeId, string modelId)
    {
        Engine = engine;
        StoreId = storeId;
        ModelId = modelId;
    }

    public EmbeddedOpenFga Engine { get; }

    public string StoreId { get; }

    public string ModelId { get; }

    public static async Task<EngineFixture> CreateAsync(EmbeddedOpenFgaOptions? options = null)
    {
        var engine = new EmbeddedOpenFga(options);
        var store = await engine.CreateStoreAsync(new CreateStoreRequest { Name = "tests" });
        var model = await engine.WriteAuthorizationModelAsync(store.Id, ModelJson);
        return new EngineFixture(engine, store.Id, model.AuthorizationModelId);
    }

    public Task WriteAsync(params ApiTupleKey[] tuples) =>
        Engine.WriteAsync(StoreId, new WriteRequest { Writes = new WriteRequestWrites { TupleKeys = tuples } });

    public async Task<bool> CheckAsync(string user, string relation, string @object, System.Text.Json.Nodes.JsonObject? context = null) =>
        (await Engine.CheckAsync(StoreId, new CheckRequest { TupleKey = TupleKeyWithoutCondition.Of(user, relation, @object), Context = context })).Allowed;

    public void Dispose() => Engine.Dispose();
}
