using TypedFga.Testing;
using TypedFga.Typed;

namespace TypedFga.GeneratedClient.Tests.Queries;

/// <summary><c>Fga.BatchCheck(relation.For(subject), ...)</c> against the embedded engine.</summary>
public sealed class BatchCheckTests : IAsyncLifetime
{
    private EmbeddedStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await EmbeddedStore.CreateAsync();
        var fga = Fga.Using(_store.Client);
        await fga.Document(1).Editors.Grant(fga.User("anne"));
        await fga.Document(2).Blocked.Grant(fga.User("anne"));
        await fga.Document(2).Viewers.Grant(fga.User("anne"));
    }

    public Task DisposeAsync()
    {
        _store.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_answers_come_in_the_order_asked_and_by_check()
    {
        var fga = Fga.Using(_store.Client);
        var canEdit = fga.Document(1).CanEdit.For(fga.User("anne"));
        var blocked = fga.Document(2).CanView.For(fga.User("anne"));
        var bob = fga.Document(1).CanView.For(fga.User("bob"));

        var result = await fga.BatchCheck(canEdit, blocked, bob);

        Assert.Equal([true, false, false], result);
        Assert.True(result[canEdit]);
        Assert.False(result[blocked]);
        Assert.Equal([canEdit, blocked, bob], result.Checks);
        Assert.False(result.AllAllowed);
        Assert.True(result.AnyAllowed);
        Assert.Throws<KeyNotFoundException>(() => result[fga.Document(9).CanView.For(fga.User("anne"))]);
    }

    [Fact]
    public async Task The_checks_go_in_one_call_with_their_consistency_and_context()
    {
        var client = new QueryCapturingClient(_store.Client);
        var context = new Dictionary<string, object?> { ["current_time"] = DateTimeOffset.UnixEpoch };
        var checks = new List<FgaCheck>
        {
            Fga.Using(client).Document(1).Editors.WithConsistency(FgaConsistency.HigherConsistency).For(Fga.User("anne")),
            Fga.Using(client).Document(2).Viewers.For(Fga.User("anne"), context),
        };

        var result = await Fga.BatchCheck(checks);

        Assert.True(result.AllAllowed);
        var sent = Assert.IsAssignableFrom<IReadOnlyList<CheckQuery>>(Assert.Single(client.Queries));
        Assert.Equal([("user:anne", "editor", "document:1"), ("user:anne", "viewer", "document:2")], sent.Select(q => (q.User, q.Relation, q.Object)));
        Assert.Equal([FgaConsistency.HigherConsistency, FgaConsistency.MinimizeLatency], sent.Select(q => q.Consistency));
        Assert.Same(context, sent[1].Context);
    }

    [Fact]
    public async Task Unbound_checks_go_to_the_view_or_the_ambient_client()
    {
        var check = Fga.Document(1).Editors.For(Fga.User("anne"));

        Assert.True((await Fga.Using(_store.Client).BatchCheck(check))[0]);
        using (FgaClientContext.Use(_store.Client))
        {
            Assert.True((await Fga.BatchCheck(check)).AllAllowed);
        }
    }

    [Fact]
    public async Task Checks_bound_to_different_clients_are_refused()
    {
        var other = new RecordingFgaClient();
        var mine = Fga.Using(_store.Client).Document(1).Editors.For(Fga.User("anne"));
        var theirs = Fga.Using(other).Document(1).Editors.For(Fga.User("anne"));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Fga.BatchCheck(mine, theirs).AsTask());
        Assert.Contains("Check 1", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => Fga.Using(other).BatchCheck(mine).AsTask());
        Assert.Empty(other.Operations);
    }

    [Fact]
    public async Task An_empty_batch_asks_nothing_and_a_default_check_is_refused()
    {
        Assert.Empty(await Fga.Using(new RecordingFgaClient()).BatchCheck());
        await Assert.ThrowsAsync<ArgumentException>(() => Fga.Using(_store.Client).BatchCheck(default(FgaCheck)).AsTask());
    }
}
