using TypedFga.Hosting;
using TypedFga.Pipeline.Tests.Infrastructure;

namespace TypedFga.Pipeline.Tests.Queries;

/// <summary>
/// Every query reads this process's own acknowledged writes by the rule of Check: relevant pending grants travel as
/// contextual tuples (nothing is flushed), relevant pending revokes are flushed first, unrelated pending operations
/// are left alone. Run over HTTP against the repository's server and on the embedded engine.
/// </summary>
public sealed class QueryReadYourWritesTests(FgaServerFixture server) : IClassFixture<FgaServerFixture>, IDisposable
{
    private static readonly TupleKey AnneViews1 = new("user:anne", "viewer", "document:1");
    private static readonly TupleKey AnneViews2 = new("user:anne", "viewer", "document:2");

    public void Dispose() => server.Faults.Reset();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ListObjects_shows_a_pending_grant_without_flushing_it(bool overHttp)
    {
        await using var host = await StartAsync(overHttp);

        await host.Client.GrantAsync(AnneViews1);
        var objects = await host.Client.ListObjectsAsync(new ListObjectsQuery("document", "can_view", "user:anne"));

        Assert.Equal(["document:1"], objects);
        Assert.Equal(1, (await host.Cache.GetPendingCountAsync()).Total);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ListObjects_leaves_out_a_pending_revoke_after_flushing_it_first(bool overHttp)
    {
        await using var host = await StartAsync(overHttp);
        await host.Client.GrantAsync(AnneViews1, WriteMode.Immediate);
        await host.Client.GrantAsync(AnneViews2, WriteMode.Immediate);

        await host.Client.RevokeAsync(AnneViews1);
        var objects = await host.Client.ListObjectsAsync(new ListObjectsQuery("document", "can_view", "user:anne"));

        Assert.Equal(["document:2"], objects);
        Assert.Equal(0, (await host.Cache.GetPendingCountAsync()).Total);
    }

    [Fact]
    public async Task ListObjects_leaves_unrelated_pending_operations_pending()
    {
        await using var host = await StartAsync(overHttp: true);
        await host.Client.GrantAsync(AnneViews1, WriteMode.Immediate);

        // An approver feeds can_publish only; bob's revoke is about another user.
        await host.Client.GrantAsync(new TupleKey("user:anne", "approver", "document:3"));
        await host.Client.RevokeAsync(new TupleKey("user:bob", "viewer", "document:1"));
        var objects = await host.Client.ListObjectsAsync(new ListObjectsQuery("document", "can_view", "user:anne"));

        Assert.Equal(["document:1"], objects);
        Assert.Equal(2, (await host.Cache.GetPendingCountAsync()).Total);
    }

    [Fact]
    public async Task ListObjects_follows_pending_team_membership_and_folder_edges()
    {
        await using var host = await StartAsync(overHttp: true);

        await host.Client.GrantAsync(new TupleKey("user:anne", "member", "team:eng"));
        await host.Client.GrantAsync(new TupleKey("team:eng#member", "viewer", "folder:plans"));
        await host.Client.GrantAsync(new TupleKey("folder:plans", "parent", "document:roadmap"));
        var objects = await host.Client.ListObjectsAsync(new ListObjectsQuery("document", "can_view", "user:anne"));

        Assert.Equal(["document:roadmap"], objects);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task StreamListObjects_shows_pending_grants_and_revokes(bool overHttp)
    {
        await using var host = await StartAsync(overHttp);
        await host.Client.GrantAsync(AnneViews1, WriteMode.Immediate);

        await host.Client.RevokeAsync(AnneViews1);
        await host.Client.GrantAsync(AnneViews2);
        var objects = new List<string>();
        await foreach (var found in host.Client.StreamListObjectsAsync(new ListObjectsQuery("document", "can_view", "user:anne")))
        {
            objects.Add(found);
        }

        Assert.Equal(["document:2"], objects);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ListUsers_shows_pending_users_wildcards_and_usersets(bool overHttp)
    {
        await using var host = await StartAsync(overHttp);
        await host.Client.GrantAsync(new TupleKey("user:carl", "editor", "document:1"), WriteMode.Immediate);

        await host.Client.GrantAsync(new TupleKey("user:bob", "member", "team:eng"));
        await host.Client.GrantAsync(new TupleKey("team:eng#member", "editor", "document:1"));
        await host.Client.GrantAsync(new TupleKey("user:*", "viewer", "document:1"));
        await host.Client.RevokeAsync(new TupleKey("user:carl", "editor", "document:1"));

        var editors = await host.Client.ListUsersAsync(new ListUsersQuery("document:1", "can_edit", "user"));
        var teams = await host.Client.ListUsersAsync(new ListUsersQuery("document:1", "can_edit", "team#member"));
        var viewers = await host.Client.ListUsersAsync(new ListUsersQuery("document:1", "viewer", "user"));

        Assert.Equal(["user:bob"], editors.Order(StringComparer.Ordinal));
        Assert.Equal(["team:eng#member"], teams);
        Assert.Contains("user:*", viewers);
        Assert.Contains("user:bob", viewers);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task BatchCheck_answers_in_order_and_reads_pending_operations(bool overHttp)
    {
        await using var host = await StartAsync(overHttp);
        await host.Client.GrantAsync(AnneViews2, WriteMode.Immediate);

        await host.Client.GrantAsync(AnneViews1);
        await host.Client.RevokeAsync(AnneViews2);
        // More than one server call's worth (50), so the answers of several calls are put back in order.
        var checks = Enumerable.Range(0, 120)
            .Select(i => new CheckQuery("user:anne", "can_view", "document:" + (i % 3 + 1)))
            .ToArray();
        var answers = await host.Client.BatchCheckAsync(checks);

        Assert.Equal(checks.Select(c => c.Object == "document:1").ToArray(), answers);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Read_lays_pending_grants_and_revokes_over_the_stored_tuples(bool overHttp)
    {
        await using var host = await StartAsync(overHttp);
        var stays = new TupleKey("user:carl", "viewer", "document:1");
        var revoked = new TupleKey("user:bob", "viewer", "document:1");
        await host.Client.GrantAsync(stays, WriteMode.Immediate);
        await host.Client.GrantAsync(revoked, WriteMode.Immediate);

        await host.Client.RevokeAsync(revoked);
        await host.Client.GrantAsync(AnneViews1);
        await host.Client.GrantAsync(AnneViews2);
        var records = new List<FgaTupleRecord>();
        await foreach (var record in host.Client.ReadAsync(new ReadQuery("document:1") { PageSize = 1 }))
        {
            records.Add(record);
        }

        var byUser = records.ToDictionary(r => r.Tuple.User);
        Assert.Equal(3, records.Count);
        Assert.Equal(FgaTupleState.Stored, byUser["user:carl"].State);
        Assert.NotNull(byUser["user:carl"].WrittenAt);
        Assert.Equal(FgaTupleState.PendingRevoke, byUser["user:bob"].State);
        Assert.False(byUser["user:bob"].Exists);
        Assert.Equal(FgaTupleState.PendingGrant, byUser["user:anne"].State);
        Assert.Null(byUser["user:anne"].WrittenAt);
        Assert.Equal(3, (await host.Cache.GetPendingCountAsync()).Total);
    }

    [Fact]
    public async Task Read_by_type_and_user_finds_pending_grants_on_any_object_of_the_type()
    {
        await using var host = await StartAsync(overHttp: true);

        await host.Client.GrantAsync(AnneViews1);
        await host.Client.GrantAsync(AnneViews2);
        await host.Client.GrantAsync(new TupleKey("user:bob", "viewer", "document:3"));
        var records = new List<FgaTupleRecord>();
        await foreach (var record in host.Client.ReadAsync(new ReadQuery("document:", User: "user:anne")))
        {
            records.Add(record);
        }

        Assert.Equal(["document:1", "document:2"], records.Select(r => r.Tuple.Object).Order(StringComparer.Ordinal));
        Assert.All(records, r => Assert.Equal(FgaTupleState.PendingGrant, r.State));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Expand_shows_a_pending_grant_and_not_a_pending_revoke(bool overHttp)
    {
        await using var host = await StartAsync(overHttp);
        await host.Client.GrantAsync(new TupleKey("user:bob", "blocked", "document:1"), WriteMode.Immediate);

        await host.Client.GrantAsync(new TupleKey("user:anne", "blocked", "document:1"));
        await host.Client.RevokeAsync(new TupleKey("user:bob", "blocked", "document:1"));
        var tree = await host.Client.ExpandAsync(new ExpandQuery("document:1", "blocked"));

        var leaf = Assert.IsType<FgaExpandUsers>(tree);
        Assert.Equal("document:1#blocked", leaf.Name);
        Assert.Equal(["user:anne"], leaf.Users);
    }

    [Fact]
    public async Task More_pending_grants_than_fit_in_one_query_are_flushed_first()
    {
        await using var host = await StartAsync(overHttp: true);

        for (var i = 0; i < 130; i++)
        {
            await host.Client.GrantAsync(new TupleKey("user:anne", "viewer", "document:" + i));
        }

        var objects = await host.Client.ListObjectsAsync(new ListObjectsQuery("document", "can_view", "user:anne"));

        Assert.Equal(130, objects.Count);
        Assert.Equal(0, (await host.Cache.GetPendingCountAsync()).Total);
    }

    [Fact]
    public async Task While_a_pending_revoke_cannot_be_sent_lists_leave_out_what_it_can_change_and_Expand_throws()
    {
        var store = await server.CreateStoreAsync();
        await using var host = await PipelineHost.StartAsync(server, store);
        await host.Client.GrantAsync(AnneViews1, WriteMode.Immediate);
        await host.Client.GrantAsync(AnneViews2, WriteMode.Immediate);
        await host.Client.GrantAsync(new TupleKey("user:bob", "viewer", "document:1"), WriteMode.Immediate);
        server.Faults.FailNext(1000, 500, "internal_error", "the datastore is down", request => request.Path.Value == $"/stores/{store}/write");

        await host.Client.RevokeAsync(AnneViews1);
        var objects = await host.Client.ListObjectsAsync(new ListObjectsQuery("document", "can_view", "user:anne"));
        var users = await host.Client.ListUsersAsync(new ListUsersQuery("document:1", "viewer", "user"));
        var answers = await host.Client.BatchCheckAsync([new CheckQuery("user:anne", "viewer", "document:1"), new CheckQuery("user:anne", "viewer", "document:2")]);
        var expand = await Assert.ThrowsAsync<FgaPendingWriteException>(() => host.Client.ExpandAsync(new ExpandQuery("document:1", "viewer")).AsTask());

        Assert.Equal(["document:2"], objects);
        Assert.Equal(["user:bob"], users);
        Assert.Equal([false, true], answers);
        Assert.Equal(AnneViews1, expand.Tuple);
        Assert.Contains("the datastore is down", expand.Message, StringComparison.Ordinal);
    }

    private async Task<PipelineHost> StartAsync(bool overHttp)
    {
        if (overHttp)
        {
            return await PipelineHost.StartAsync(server, await server.CreateStoreAsync());
        }

        var folder = new TempFolder();
        var host = PipelineHost.Build(
            new Dictionary<string, string?>
            {
                ["Fga:Backend"] = "Embedded",
                ["Fga:WriteBehind:Outbox"] = folder.File("outbox.db"),
                ["Fga:WriteBehind:BatchSize"] = "10000",
                ["Fga:WriteBehind:FlushInterval"] = "01:00:00",
            },
            ownedFolder: folder);
        await host.StartAsync();
        return host;
    }
}
