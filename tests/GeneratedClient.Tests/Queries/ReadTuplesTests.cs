namespace TypedFga.GeneratedClient.Tests.Queries;

/// <summary><c>Fga.Document(id).ReadTuples()</c> and <c>Fga.Document(id).Viewers.ReadTuples()</c> against the embedded engine.</summary>
public sealed class ReadTuplesTests : IAsyncLifetime
{
    private EmbeddedStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await EmbeddedStore.CreateAsync();
        var fga = Fga.Using(_store.Client);
        await fga.Document("roadmap").Viewers.Grant(fga.User("anne"));
        await fga.Document("roadmap").Viewers.Grant(Fga.AnyUser);
        await fga.Document("roadmap").Editors.Grant(fga.Team("eng").Members);
        await fga.Document("roadmap").Parents.Grant(fga.Folder("plans"));
        await fga.Document("other").Viewers.Grant(fga.User("bob"));
    }

    public Task DisposeAsync()
    {
        _store.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task An_object_reads_the_tuples_of_all_its_relations_with_typed_parts()
    {
        var tuples = await ToListAsync(Fga.Using(_store.Client).Document("roadmap").ReadTuples());

        Assert.Equal(
            ["editor team:eng#member", "parent folder:plans", "viewer user:*", "viewer user:anne"],
            tuples.Select(t => t.Relation + " " + t.User.Subject).Order(StringComparer.Ordinal));
        Assert.All(tuples, t => Assert.Equal(Fga.Document("roadmap"), t.Object));
        Assert.All(tuples, t => Assert.Equal(FgaTupleState.Stored, t.State));
        Assert.All(tuples, t => Assert.False(t.IsPending));
        Assert.All(tuples, t => Assert.True(t.Exists));

        var team = Assert.Single(tuples, t => t.Relation == "editor").User;
        Assert.Equal(("team", "eng", "member", false), (team.Type, team.Id, team.Relation, team.IsWildcard));
        Assert.True(team.Is<FgaTypes.TeamMembers>());
        Assert.Equal(Fga.Team("eng").Members.Subject, team.As<FgaTypes.TeamMembers>().Subject);
        var everyone = Assert.Single(tuples, t => t.User.Subject == "user:*").User;
        Assert.True(everyone.IsWildcard);
        Assert.False(everyone.Is<FgaTypes.User>());
        Assert.Equal(Fga.Folder("plans"), Assert.Single(tuples, t => t.Relation == "parent").User.As<FgaTypes.Folder>());
    }

    [Fact]
    public async Task A_relation_reads_only_its_own_tuples_with_its_consistency()
    {
        var client = new QueryCapturingClient(_store.Client);

        var tuples = await ToListAsync(Fga.Using(client).Document("roadmap").Viewers.WithConsistency(FgaConsistency.HigherConsistency).ReadTuples());

        Assert.Equal(["user:*", "user:anne"], tuples.Select(t => t.User.Subject).Order(StringComparer.Ordinal));
        var query = Assert.IsType<ReadQuery>(Assert.Single(client.Queries));
        Assert.Equal(("document:roadmap", "viewer", (string?)null, FgaConsistency.HigherConsistency), (query.Object, query.Relation, query.User, query.Consistency));
    }

    [Fact]
    public async Task A_conditioned_tuple_reads_with_its_condition()
    {
        var fga = Fga.Using(_store.Client);
        await fga.Document("timed").Viewers.Grant(fga.User("dan"), new FgaTypes.NonExpiredCondition(grantTime: DateTimeOffset.UnixEpoch, grantDuration: TimeSpan.FromHours(1)));

        var tuple = Assert.Single(await ToListAsync(fga.Document("timed").Viewers.ReadTuples()));

        Assert.Equal("non_expired", tuple.Condition?.Name);
        Assert.Equal(Fga.User("dan"), tuple.User.As<FgaTypes.User>());
    }

    [Fact]
    public void A_default_object_fails_at_the_call()
    {
        Assert.Throws<InvalidOperationException>(() => default(FgaTypes.Document).ReadTuples());
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
