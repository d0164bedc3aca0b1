namespace TypedFga.GeneratedClient.Tests.Queries;

/// <summary>
/// <c>Users&lt;TKind&gt;()</c> for usersets on a relation's path that no type restriction names (<c>FolderViewers</c>
/// through <c>viewer from parent</c>, <c>DocumentEditors</c> through <c>editor</c>), against the embedded engine.
/// </summary>
public sealed class ListUsersetsTests : IAsyncLifetime
{
    private EmbeddedStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await EmbeddedStore.CreateAsync();
        var fga = Fga.Using(_store.Client);
        await fga.Document("roadmap").Parents.Grant(fga.Folder("plans"));
        await fga.Folder("plans").Parents.Grant(fga.Folder("root"));
        await fga.Folder("root").Viewers.Grant(fga.User("dana"));
    }

    public Task DisposeAsync()
    {
        _store.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_viewers_of_every_ancestor_folder_are_viewers_of_the_document()
    {
        var viewers = await Fga.Using(_store.Client).Document("roadmap").Viewers.Users<FgaTypes.FolderViewers>();

        Assert.Equal(["folder:plans#viewer", "folder:root#viewer"], viewers.Select(v => v.Subject).Order(StringComparer.Ordinal));
        Assert.False(viewers.IncludesEveryone);
    }

    [Fact]
    public async Task A_computed_relation_and_the_relation_itself_come_back_on_the_queried_object()
    {
        var document = Fga.Using(_store.Client).Document("roadmap");

        var editors = await document.CanView.Users<FgaTypes.DocumentEditors>();
        var viewers = await document.Viewers.Users<FgaTypes.DocumentViewers>();

        Assert.Equal(["document:roadmap#editor"], editors.Subjects);
        Assert.Equal("document:roadmap#editor", Assert.Single(editors).Subject);
        Assert.Equal("document:roadmap#viewer", Assert.Single(viewers).Subject);
    }

    [Fact]
    public async Task A_userset_of_one_side_of_an_intersection_compiles_and_comes_back_only_from_both()
    {
        // can_publish is editor and approver: document#approver is reached on one side only, so no object answers it.
        var approvers = await Fga.Using(_store.Client).Document("roadmap").CanPublish.Users<FgaTypes.DocumentApprovers>();

        Assert.Empty(approvers);
    }

    [Fact]
    public async Task A_returned_userset_is_bound_to_the_client_of_the_query()
    {
        var viewers = await Fga.Using(_store.Client).Document("roadmap").Viewers.Users<FgaTypes.FolderViewers>();
        var root = viewers.Single(v => v.Subject == "folder:root#viewer");

        // Without an ambient client these calls can only go to the client of the query.
        Assert.True(await root.Check(Fga.User("dana")));
        Assert.Equal("folder:root#viewer", root.ToString());
    }
}
