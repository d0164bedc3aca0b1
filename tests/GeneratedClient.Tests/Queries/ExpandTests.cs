namespace TypedFga.GeneratedClient.Tests.Queries;

/// <summary><c>Fga.Document(id).Viewers.Expand()</c> against the embedded engine.</summary>
public sealed class ExpandTests : IAsyncLifetime
{
    private EmbeddedStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await EmbeddedStore.CreateAsync();
        var fga = Fga.Using(_store.Client);
        await fga.Document("roadmap").Viewers.Grant(fga.User("anne"));
        await fga.Document("roadmap").Viewers.Grant(fga.Team("eng").Members);
    }

    public Task DisposeAsync()
    {
        _store.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Expand_returns_one_level_of_the_relations_tree()
    {
        var tree = await Fga.Using(_store.Client).Document("roadmap").Viewers.Expand();

        // viewer: [user, user:*, team#member, ...] or editor or viewer from parent
        var union = Assert.IsType<FgaExpandUnion>(tree);
        Assert.Equal("document:roadmap#viewer", union.Name);
        var direct = Assert.Single(union.Nodes.OfType<FgaExpandUsers>());
        Assert.Equal(["team:eng#member", "user:anne"], direct.Users.Order(StringComparer.Ordinal));
        Assert.Equal("document:roadmap#editor", Assert.Single(union.Nodes.OfType<FgaExpandComputed>()).Userset);
        Assert.Single(union.Nodes.OfType<FgaExpandTupleToUserset>());
    }

    [Fact]
    public async Task Expand_of_a_but_not_relation_is_a_difference_and_takes_the_consistency()
    {
        var client = new QueryCapturingClient(_store.Client);

        var tree = await Fga.Using(client).Document("roadmap").CanView.WithConsistency(FgaConsistency.HigherConsistency).Expand();

        var difference = Assert.IsType<FgaExpandDifference>(tree);
        Assert.Equal("document:roadmap#viewer", Assert.IsType<FgaExpandComputed>(difference.Base).Userset);
        var query = Assert.IsType<ExpandQuery>(Assert.Single(client.Queries));
        Assert.Equal(("document:roadmap", "can_view", FgaConsistency.HigherConsistency), (query.Object, query.Relation, query.Consistency));
    }
}
