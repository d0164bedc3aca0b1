using TypedFga.Embedded;
using TypedFga.Wire;

namespace TypedFga.Tests.Embedded;

/// <summary>Expand answers one level of the userset tree, shaped as OpenFGA's expand command shapes it.</summary>
public sealed class ExpandTests
{
    // org does not define viewer: the model is valid because folder does.
    private const string ModelJson = """
        {"schema_version":"1.1","type_definitions":[
          {"type":"user"},
          {"type":"org"},
          {"type":"folder","relations":{"viewer":{"this":{}}},
           "metadata":{"relations":{"viewer":{"directly_related_user_types":[{"type":"user"}]}}}},
          {"type":"doc","relations":{
             "parent":{"this":{}},
             "viewer":{"union":{"child":[{"this":{}},{"tupleToUserset":{"tupleset":{"relation":"parent"},"computedUserset":{"relation":"viewer"}}}]}}},
           "metadata":{"relations":{
             "parent":{"directly_related_user_types":[{"type":"folder"},{"type":"org"}]},
             "viewer":{"directly_related_user_types":[{"type":"user"}]}}}}]}
        """;

    [Fact]
    public async Task Direct_users_are_distinct_and_sorted_and_every_related_object_is_named_once()
    {
        using var engine = new EmbeddedOpenFga();
        var store = await engine.CreateStoreAsync(new CreateStoreRequest { Name = "expand" });
        await engine.WriteAuthorizationModelAsync(store.Id, ModelJson);
        await engine.WriteAsync(store.Id, new WriteRequest
        {
            Writes = new WriteRequestWrites
            {
                TupleKeys =
                [
                    ApiTupleKey.Of("user:zoe", "viewer", "doc:1"),
                    ApiTupleKey.Of("user:anne", "viewer", "doc:1"),
                    ApiTupleKey.Of("folder:a", "parent", "doc:1"),
                    ApiTupleKey.Of("org:x", "parent", "doc:1"),
                ],
            },
        });

        var response = await engine.ExpandAsync(store.Id, new ExpandRequest
        {
            TupleKey = new ExpandRequestTupleKey { Object = "doc:1", Relation = "viewer" },
            ContextualTuples = new ContextualTupleKeys
            {
                TupleKeys = [ApiTupleKey.Of("user:anne", "viewer", "doc:1"), ApiTupleKey.Of("folder:a", "parent", "doc:1")],
            },
        });

        var root = response.Tree!.Root!;
        Assert.Equal("doc:1#viewer", root.Name);
        var direct = root.Union!.Nodes[0];
        Assert.Equal("doc:1#viewer", direct.Name);
        Assert.Equal(new[] { "user:anne", "user:zoe" }, direct.Leaf!.Users!.Users);
        var tupleToUserset = root.Union.Nodes[1].Leaf!.TupleToUserset!;
        Assert.Equal("doc:1#parent", tupleToUserset.Tupleset);
        Assert.Equal(new[] { "folder:a#viewer", "org:x#viewer" }, tupleToUserset.Computed.Select(c => c.Userset).Order(StringComparer.Ordinal));
    }
}
