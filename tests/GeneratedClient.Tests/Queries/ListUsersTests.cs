using TypedFga.Testing;

namespace TypedFga.GeneratedClient.Tests.Queries;

/// <summary><c>Fga.Document(id).CanView.Users&lt;TUser&gt;()</c> against the embedded engine.</summary>
public sealed class ListUsersTests : IAsyncLifetime
{
    private EmbeddedStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await EmbeddedStore.CreateAsync();
        var fga = Fga.Using(_store.Client);
        await fga.Document("roadmap").Viewers.Grant(fga.User("anne"));
        await fga.Document("roadmap").Editors.Grant(fga.Team("eng").Members);
        await fga.Team("eng").Members.Grant(fga.User("bob"));
        await fga.Document("roadmap").Blocked.Grant(fga.User("carol"));
        await fga.Document("roadmap").Viewers.Grant(fga.User("carol"));
        await fga.Document("public").Viewers.Grant(Fga.AnyUser);
    }

    public Task DisposeAsync()
    {
        _store.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Users_returns_typed_users_through_teams_and_rewrites()
    {
        var users = await Fga.Using(_store.Client).Document("roadmap").CanView.Users<FgaTypes.User>();

        // bob through team eng's editors, carol left out by "but not blocked".
        Assert.Equal([Fga.User("anne"), Fga.User("bob")], users.OrderBy(u => u.Id, StringComparer.Ordinal));
        Assert.False(users.IncludesEveryone);
        Assert.Equal(users.Count, users.Subjects.Count);
    }

    [Fact]
    public async Task Users_of_a_userset_kind_returns_the_team_usersets()
    {
        var teams = await Fga.Using(_store.Client).Document("roadmap").Editors.Users<FgaTypes.TeamMembers>();

        var team = Assert.Single(teams);
        Assert.Equal("team:eng#member", team.Subject);
        Assert.Equal(["team:eng#member"], teams.Subjects);
    }

    [Fact]
    public async Task The_wildcard_sets_IncludesEveryone_and_is_not_a_user()
    {
        var users = await Fga.Using(_store.Client).Document("public").Viewers.Users<FgaTypes.User>();

        Assert.True(users.IncludesEveryone);
        Assert.Empty(users);
        Assert.Equal(["user:*"], users.Subjects);
    }

    [Fact]
    public async Task The_returned_users_are_bound_to_the_client_of_the_query()
    {
        var users = await Fga.Using(_store.Client).Document("roadmap").Viewers.Users<FgaTypes.User>();
        var team = Assert.Single(await Fga.Using(_store.Client).Document("roadmap").Editors.Users<FgaTypes.TeamMembers>());

        // Without an ambient client these calls can only go to the client of the query.
        Assert.True(await team.Check(users.Single(u => u.Id == "bob")));
    }

    [Fact]
    public async Task The_filter_context_and_consistency_reach_the_query()
    {
        var client = new QueryCapturingClient(_store.Client);
        var context = new Dictionary<string, object?> { ["current_time"] = DateTimeOffset.UnixEpoch };

        await Fga.Using(client).Document("roadmap").Viewers.WithConsistency(FgaConsistency.HigherConsistency).Users<FgaTypes.TeamMembers>(context);
        await Fga.Using(client).Document("roadmap").Parents.Users<FgaTypes.Folder>();

        var queries = client.Queries.Cast<ListUsersQuery>().ToArray();
        Assert.Equal([("document:roadmap", "viewer", "team#member"), ("document:roadmap", "parent", "folder")], queries.Select(q => (q.Object, q.Relation, q.UserFilter)));
        Assert.Same(context, queries[0].Context);
        Assert.Equal([FgaConsistency.HigherConsistency, FgaConsistency.MinimizeLatency], queries.Select(q => q.Consistency));
    }

    [Fact]
    public async Task A_subject_of_another_kind_in_the_answer_is_a_clear_error()
    {
        var client = new QueryCapturingClient(new RecordingFgaClient()) { ListUsersAnswer = ["team:eng#member", "user:anne"] };

        var error = await Assert.ThrowsAsync<FormatException>(() => Fga.Using(client).Document(1).Viewers.Users<FgaTypes.TeamMembers>().AsTask());

        Assert.Contains("'user:anne'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'team#member' userset", error.Message, StringComparison.Ordinal);
    }
}
