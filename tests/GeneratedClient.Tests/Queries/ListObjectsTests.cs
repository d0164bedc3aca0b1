using TypedFga.Testing;
using TypedFga.Typed;

namespace TypedFga.GeneratedClient.Tests.Queries;

/// <summary><c>Fga.Documents.WhereCanView(subject)</c> against the embedded engine.</summary>
public sealed class ListObjectsTests : IAsyncLifetime
{
    private EmbeddedStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await EmbeddedStore.CreateAsync();
        var fga = Fga.Using(_store.Client);
        await fga.Document(1).Viewers.Grant(fga.User("anne"));
        await fga.Team("eng").Members.Grant(fga.User("anne"));
        await fga.Folder("plans").Viewers.Grant(fga.Team("eng").Members);
        await fga.Document("roadmap").Parents.Grant(fga.Folder("plans"));
        await fga.Document(3).Viewers.Grant(fga.User("anne"));
        await fga.Document(3).Blocked.Grant(fga.User("anne"));
    }

    public Task DisposeAsync()
    {
        _store.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Where_returns_the_typed_objects_the_subject_has_the_relation_on()
    {
        var fga = Fga.Using(_store.Client);

        var documents = await fga.Documents.WhereCanView(fga.User("anne"));

        Assert.Equal([Fga.Document(1), Fga.Document("roadmap")], documents.OrderBy(d => d.Id, StringComparer.Ordinal));
        Assert.Empty(await fga.Documents.WhereCanView(fga.User("bob")));
        Assert.Equal([Fga.Document(3)], await fga.Documents.WhereBlocked(fga.User("anne")));
    }

    [Fact]
    public async Task The_objects_come_back_bound_to_the_client_of_the_query()
    {
        var documents = await Fga.Using(_store.Client).Documents.WhereCanView(Fga.User("anne"));

        // No ambient client is set: the check can only go to the client of the query.
        Assert.All(await Task.WhenAll(documents.Select(d => d.CanView.Check(Fga.User("anne")).AsTask())), Assert.True);
    }

    [Fact]
    public async Task The_ambient_client_answers_a_query_made_through_Fga()
    {
        using var scope = FgaClientContext.Use(_store.Client);

        Assert.Equal([Fga.Folder("plans")], await Fga.Folders.WhereViewer(Fga.Team("eng").Members));
    }

    [Fact]
    public async Task Streaming_returns_the_same_objects()
    {
        var found = new List<FgaTypes.Document>();
        await foreach (var document in Fga.Using(_store.Client).Documents.StreamWhereCanView(Fga.User("anne")))
        {
            found.Add(document);
        }

        Assert.Equal([Fga.Document(1), Fga.Document("roadmap")], found.OrderBy(d => d.Id, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Context_contextual_tuples_and_consistency_reach_the_query()
    {
        var client = new QueryCapturingClient(_store.Client);
        var context = new Dictionary<string, object?> { ["current_time"] = DateTimeOffset.UnixEpoch };
        TupleKey[] contextual = [new("user:bob", "viewer", "document:7")];

        var documents = await Fga.Using(client).Documents.WithConsistency(FgaConsistency.HigherConsistency)
            .WhereViewer(Fga.User("bob"), context, contextual);

        Assert.Equal([Fga.Document(7)], documents);
        var query = Assert.IsType<ListObjectsQuery>(Assert.Single(client.Queries));
        Assert.Equal(("document", "viewer", "user:bob"), (query.Type, query.Relation, query.User));
        Assert.Same(context, query.Context);
        Assert.Same(contextual, query.ContextualTuples);
        Assert.Equal(FgaConsistency.HigherConsistency, query.Consistency);
    }

    [Fact]
    public async Task An_object_of_another_type_in_the_answer_is_a_clear_error()
    {
        var client = new QueryCapturingClient(new RecordingFgaClient()) { ListObjectsAnswer = ["document:1", "folder:1"] };

        var error = await Assert.ThrowsAsync<FormatException>(() => Fga.Using(client).Documents.WhereCanView(Fga.User("anne")).AsTask());

        Assert.Contains("'folder:1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'document' object", error.Message, StringComparison.Ordinal);
    }
}
