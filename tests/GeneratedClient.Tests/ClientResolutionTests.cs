using TypedFga.Testing;
using TypedFga.Typed;

namespace TypedFga.GeneratedClient.Tests;

public sealed class ClientResolutionTests
{
    [Fact]
    public async Task Two_bound_clients_never_see_each_others_operations()
    {
        var first = new RecordingFgaClient();
        var second = new RecordingFgaClient();
        var a = Fga.Using(first);
        var b = Fga.Using(second);

        await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
        {
            await a.Document(i).Editors.Grant(a.User("anne"));
            await b.Document(i).Viewers.Revoke(b.User("bob"));
            await a.Document(i).CanEdit.Check(a.User("anne"));
        }));

        Assert.Equal(100, first.Operations.Count);
        Assert.All(first.Operations, o => Assert.Equal("user:anne", o.Tuple.User));
        Assert.Equal(50, second.Operations.Count);
        Assert.All(second.Operations, o => Assert.Equal(new TupleKey("user:bob", "viewer", o.Tuple.Object), o.Tuple));
    }

    [Fact]
    public async Task A_bound_object_ignores_the_ambient_client()
    {
        var bound = new RecordingFgaClient();
        var ambient = new RecordingFgaClient();
        using (FgaClientContext.Use(ambient))
        {
            await Fga.Using(bound).Document("d").Editors.Grant(Fga.User("anne"));
        }

        Assert.Single(bound.Operations);
        Assert.Empty(ambient.Operations);
    }

    [Fact]
    public async Task An_unbound_object_uses_the_client_in_scope_at_call_time()
    {
        var outer = new RecordingFgaClient();
        var inner = new RecordingFgaClient();
        var editors = Fga.Document("d").Editors;
        using (FgaClientContext.Use(outer))
        {
            await editors.Grant(Fga.User("anne"));
            using (FgaClientContext.Use(inner))
            {
                await editors.Grant(Fga.User("bob"));
            }

            await editors.Check(Fga.User("carl"));
        }

        Assert.Equal(["user:anne", "user:carl"], outer.Operations.Select(o => o.Tuple.User));
        Assert.Equal(["user:bob"], inner.Operations.Select(o => o.Tuple.User));
    }

    [Fact]
    public async Task Scopes_on_parallel_flows_do_not_leak_into_each_other()
    {
        var clients = Enumerable.Range(0, 8).Select(_ => new RecordingFgaClient()).ToArray();
        await Task.WhenAll(clients.Select((client, i) => Task.Run(async () =>
        {
            using var scope = FgaClientContext.Use(client);
            for (var n = 0; n < 20; n++)
            {
                await Task.Yield();
                await Fga.Document(i).Editors.Grant(Fga.User(n));
            }
        })));

        for (var i = 0; i < clients.Length; i++)
        {
            Assert.Equal(20, clients[i].Operations.Count);
            Assert.All(clients[i].Operations, o => Assert.Equal($"document:{i}", o.Tuple.Object));
        }
    }

    [Fact]
    public void Using_a_null_client_is_refused() =>
        Assert.Throws<ArgumentNullException>("client", () => Fga.Using(null!));
}
