using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TypedFga.Hosting;
using TypedFga.Pipeline.Tests.Infrastructure;

namespace TypedFga.Pipeline.Tests.EndToEnd;

/// <summary>
/// What FgaClient does with writes and checks: write-through when write-behind is off, read-your-writes and fail
/// closed before a flush, and named connections flushing to their own stores.
/// </summary>
public sealed class ClientRoutingTests(FgaServerFixture server) : IClassFixture<FgaServerFixture>, IDisposable
{
    private static readonly TupleKey Anne = new("user:anne", "editor", "document:roadmap");

    public void Dispose() => server.Faults.Reset();

    [Fact]
    public async Task With_write_behind_disabled_every_write_goes_straight_through_the_same_API()
    {
        var store = await server.CreateStoreAsync();
        await using var host = await PipelineHost.StartAsync(server, store, s => s["Fga:WriteBehind:Enabled"] = "false");

        Assert.False(host.Client.IsWriteBehindEnabled);
        await host.Client.GrantAsync(Anne);
        Assert.Equal([Anne.ToString()], await server.ReadTuplesAsync(store));

        await host.Client.RevokeAsync(Anne);
        Assert.Empty(await server.ReadTuplesAsync(store));
        Assert.Equal(0, (await host.Cache.GetPendingCountAsync()).Total);
        Assert.Equal(2, server.Writes.For(store).Count);
    }

    [Fact]
    public async Task With_write_behind_disabled_no_outbox_file_is_created()
    {
        var store = await server.CreateStoreAsync();
        var host = await PipelineHost.StartAsync(server, store, s => s["Fga:WriteBehind:Enabled"] = "false");
        var path = host.Outbox.Location;
        await using (host)
        {
            await host.Client.GrantAsync(Anne);
            Assert.True(await host.Client.CheckAsync(new CheckQuery(Anne.User, "editor", Anne.Object)));
            await host.Client.RevokeAsync(Anne);
            await host.StopAsync();
        }

        Assert.False(File.Exists(path));
        Assert.Equal(2, server.Writes.For(store).Count);
    }

    [Fact]
    public async Task With_write_behind_disabled_an_outbox_an_earlier_run_left_is_drained()
    {
        var store = await server.CreateStoreAsync();
        using var folder = new TempFolder();
        var settings = PipelineHost.Settings(server, store, folder.File("outbox.db"));
        await using (var earlier = PipelineHost.Build(settings))
        {
            await earlier.Outbox.GrantAsync(await earlier.Services.GetRequiredService<FgaConnectionRegistry>().GetAsync(), Anne);
        }

        settings["Fga:WriteBehind:Enabled"] = "false";
        await using var host = PipelineHost.Build(settings);
        await host.StartAsync();

        Assert.True(await Eventually.TrueAsync(async () => (await server.ReadTuplesAsync(store)).Contains(Anne.ToString())));
        Assert.Equal(0, (await host.Cache.GetPendingCountAsync()).Total);
    }

    [Fact]
    public async Task A_grant_is_visible_to_checks_before_any_flush()
    {
        var store = await server.CreateStoreAsync();
        await using var host = await PipelineHost.StartAsync(server, store);

        await host.Client.GrantAsync(Anne);

        Assert.Empty(await server.ReadTuplesAsync(store));
        Assert.True(await host.Client.CheckAsync(new CheckQuery(Anne.User, "editor", Anne.Object)));
        // Implied relations answer too: can_view follows from editor through the model.
        Assert.True(await host.Client.CheckAsync(new CheckQuery(Anne.User, "can_view", Anne.Object)));
        Assert.False(await host.Client.CheckAsync(new CheckQuery("user:bob", "editor", Anne.Object)));
        Assert.Equal(1, (await host.Cache.GetPendingCountAsync()).Total);
    }

    [Fact]
    public async Task After_a_revoke_returns_no_check_answers_from_older_state()
    {
        var store = await server.CreateStoreAsync();
        await server.SeedAsync(store, Anne);
        await using var host = await PipelineHost.StartAsync(server, store);
        Assert.True(await host.Client.CheckAsync(new CheckQuery(Anne.User, "can_edit", Anne.Object)));

        await host.Client.RevokeAsync(Anne);

        Assert.False(await host.Client.CheckAsync(new CheckQuery(Anne.User, "can_edit", Anne.Object)));
        // The check flushed the revoke first.
        Assert.Empty(await server.ReadTuplesAsync(store));
    }

    [Fact]
    public async Task A_pending_revoke_on_a_relation_the_check_does_not_depend_on_neither_flushes_nor_denies()
    {
        var store = await server.CreateStoreAsync();
        var approver = new TupleKey("user:bob", "approver", "document:roadmap");
        await server.SeedAsync(store, Anne, approver);
        await using var host = await PipelineHost.StartAsync(server, store);

        // can_view (viewer but not blocked) does not depend on approver, so this revoke cannot change its answer.
        await host.Client.RevokeAsync(approver);

        Assert.True(await host.Client.CheckAsync(new CheckQuery(Anne.User, "can_view", Anne.Object)));
        Assert.Contains(approver.ToString(), await server.ReadTuplesAsync(store));
        Assert.Equal(new(0, 1), await host.Cache.GetPendingCountAsync());

        // A check that does depend on it still reads the revoke.
        Assert.False(await host.Client.CheckAsync(new CheckQuery(approver.User, "can_publish", approver.Object)));
        Assert.Equal(0, (await host.Cache.GetPendingCountAsync()).Total);
        Assert.DoesNotContain(approver.ToString(), await server.ReadTuplesAsync(store));
    }

    [Fact]
    public async Task With_the_check_cache_answers_are_reused_until_a_local_write_that_can_change_them_and_never_after_a_revoke()
    {
        var store = await server.CreateStoreAsync();
        await using var host = await PipelineHost.StartAsync(server, store, s => s["Fga:Cache:Enabled"] = "true");
        var check = new CheckQuery(Anne.User, "editor", Anne.Object);
        Assert.False(await host.Client.CheckAsync(check));

        // Written behind the client's back: the remembered answer stands until the time to live ends...
        await server.SeedAsync(store, Anne);
        Assert.False(await host.Client.CheckAsync(check));

        // ...and through local writes that cannot change it...
        await host.Client.GrantAsync(new TupleKey("user:bob", "viewer", "document:other"));
        Assert.False(await host.Client.CheckAsync(check));

        // ...until this process writes something it depends on (editor includes owner on the same document).
        await host.Client.GrantAsync(new TupleKey("user:bob", "owner", Anne.Object));
        Assert.True(await host.Client.CheckAsync(check));

        // Asked with higher consistency, a check skips the cache.
        var carl = new CheckQuery("user:carl", "editor", Anne.Object);
        Assert.False(await host.Client.CheckAsync(carl));
        await server.SeedAsync(store, new TupleKey("user:carl", "editor", Anne.Object));
        Assert.False(await host.Client.CheckAsync(carl));
        Assert.True(await host.Client.CheckAsync(carl with { Consistency = FgaConsistency.HigherConsistency }));

        await host.Client.RevokeAsync(Anne);
        Assert.False(await host.Client.CheckAsync(check));
    }

    [Fact]
    public async Task While_a_revoke_cannot_be_sent_checks_fail_closed_and_say_which_tuple_and_why()
    {
        var store = await server.CreateStoreAsync();
        await server.SeedAsync(store, Anne);
        var logs = new LogCapture();
        await using var host = await PipelineHost.StartAsync(server, store, configureServices: s => s.AddSingleton<ILoggerProvider>(logs));
        server.Faults.FailNext(100, 503, "unavailable", "down", request => request.Path.Value == $"/stores/{store}/write");

        await host.Client.RevokeAsync(Anne);

        Assert.False(await host.Client.CheckAsync(new CheckQuery(Anne.User, "editor", Anne.Object)));
        var denial = Assert.Single(logs.Entries, entry => entry.Contains("denied", StringComparison.Ordinal));
        Assert.Contains($"the revoke of {Anne}", denial, StringComparison.Ordinal);
        Assert.Contains("down", denial, StringComparison.Ordinal);
        Assert.Equal([Anne.ToString()], await server.ReadTuplesAsync(store));
        Assert.Equal(new(0, 1), await host.Cache.GetPendingCountAsync());

        server.Faults.Reset();
        await Task.Delay(60);
        Assert.False(await host.Client.CheckAsync(new CheckQuery(Anne.User, "editor", Anne.Object)));
        Assert.Empty(await server.ReadTuplesAsync(store));
    }

    [Fact]
    public async Task While_OpenFGA_refuses_writes_a_revoke_on_another_object_of_the_same_relation_does_not_deny()
    {
        var store = await server.CreateStoreAsync();
        await server.SeedAsync(store, Anne, new TupleKey(Anne.User, "editor", "document:other"));
        await using var host = await PipelineHost.StartAsync(server, store);
        server.Faults.FailNext(10_000, 503, "unavailable", "down", request => request.Path.Value == $"/stores/{store}/write");

        await host.Client.RevokeAsync(new TupleKey(Anne.User, "editor", "document:other"));
        await host.Client.RevokeAsync(new TupleKey("user:bob", "editor", Anne.Object));

        // Neither revoke can change anne's editor on the roadmap, so neither is flushed for it nor makes it deny.
        Assert.True(await host.Client.CheckAsync(new CheckQuery(Anne.User, "editor", Anne.Object)));
        Assert.True(await host.Client.CheckAsync(new CheckQuery(Anne.User, "can_view", Anne.Object)));
        Assert.False(await host.Client.CheckAsync(new CheckQuery(Anne.User, "editor", "document:other")));
        Assert.Equal(2, (await host.Cache.GetPendingCountAsync()).Deletes);
        server.Faults.Reset();
    }

    [Fact]
    public async Task A_pending_revoke_on_a_parent_folder_denies_the_document_it_contains_and_no_other()
    {
        var store = await server.CreateStoreAsync();
        await server.SeedAsync(
            store,
            new TupleKey("folder:plans", "parent", "document:roadmap"),
            new TupleKey("folder:other", "parent", "document:memo"),
            new TupleKey(Anne.User, "viewer", "folder:plans"),
            new TupleKey(Anne.User, "viewer", "folder:other"));
        await using var host = await PipelineHost.StartAsync(server, store);
        server.Faults.FailNext(10_000, 503, "unavailable", "down", request => request.Path.Value == $"/stores/{store}/write");

        await host.Client.RevokeAsync(new TupleKey(Anne.User, "viewer", "folder:plans"));

        // The stored parent of the roadmap leads to the pending revoke; the memo's parent does not.
        Assert.False(await host.Client.CheckAsync(new CheckQuery(Anne.User, "viewer", "document:roadmap")));
        Assert.True(await host.Client.CheckAsync(new CheckQuery(Anne.User, "viewer", "document:memo")));
        server.Faults.Reset();
    }

    [Fact]
    public async Task A_backlog_on_relations_a_check_does_not_depend_on_neither_flushes_nor_denies()
    {
        var store = await server.CreateStoreAsync();
        await server.SeedAsync(store, Anne);
        await using var host = await PipelineHost.StartAsync(server, store);
        // OpenFGA refuses every write: a backlog builds up, more than one look-up reads.
        server.Faults.FailNext(10_000, 503, "unavailable", "down", request => request.Path.Value == $"/stores/{store}/write");
        for (var i = 0; i < 1_200; i++)
        {
            await host.Client.GrantAsync(new TupleKey($"user:u{i}", "approver", $"document:d{i}"));
        }

        Assert.True(await host.Client.CheckAsync(new CheckQuery(Anne.User, "editor", Anne.Object)));
        Assert.True(await host.Client.CheckAsync(new CheckQuery(Anne.User, "can_view", Anne.Object)));
        Assert.Equal(1_200, (await host.Cache.GetPendingCountAsync()).Total);
        server.Faults.Reset();
    }

    [Fact]
    public async Task Named_connections_flush_each_operation_to_its_own_store()
    {
        var main = await server.CreateStoreAsync("main");
        var acme = await server.CreateStoreAsync("acme");
        var globex = await server.CreateStoreAsync("globex");
        await using var host = await PipelineHost.StartAsync(server, main, s =>
        {
            s["Fga:Connections:acme:StoreId"] = acme;
            s["Fga:Connections:globex:StoreId"] = globex;
        });

        await host.Client.GrantAsync(new TupleKey("user:main", "viewer", "document:d"));
        await host.Client.ForConnection("acme").GrantAsync(new TupleKey("user:acme", "viewer", "document:d"));
        await host.Client.ForConnection("globex").GrantAsync(new TupleKey("user:globex", "viewer", "document:d"));
        await host.Client.ForConnection("acme").RevokeAsync(new TupleKey("user:main", "viewer", "document:d"));
        Assert.True(await host.Client.ForConnection("acme").CheckAsync(new CheckQuery("user:acme", "viewer", "document:d")));
        Assert.False(await host.Client.ForConnection("globex").CheckAsync(new CheckQuery("user:acme", "viewer", "document:d")));

        await host.Cache.FlushAsync();

        Assert.Equal(["document:d#viewer@user:main"], await server.ReadTuplesAsync(main));
        Assert.Equal(["document:d#viewer@user:acme"], await server.ReadTuplesAsync(acme));
        Assert.Equal(["document:d#viewer@user:globex"], await server.ReadTuplesAsync(globex));
        Assert.Throws<ArgumentException>(() => host.Client.ForConnection("initech"));
    }

    [Fact]
    public async Task Critical_relations_and_write_now_go_through_at_once()
    {
        var store = await server.CreateStoreAsync();
        await using var host = await PipelineHost.StartAsync(server, store);

        // document#owner is marked # @critical in the model.
        await host.Client.GrantAsync(new TupleKey("user:anne", "owner", "document:d"));
        await host.Client.GrantAsync(new TupleKey("user:bob", "viewer", "document:d"), WriteMode.Immediate);

        Assert.Equal(["document:d#owner@user:anne", "document:d#viewer@user:bob"], await server.ReadTuplesAsync(store));
        Assert.Equal(0, (await host.Cache.GetPendingCountAsync()).Total);
    }

    [Fact]
    public async Task With_critical_relations_buffered_a_critical_grant_waits_in_the_outbox_like_any_other()
    {
        var store = await server.CreateStoreAsync();
        await using var host = await PipelineHost.StartAsync(server, store, s => s["Fga:WriteBehind:CriticalRelations"] = "Buffer");
        var owner = new TupleKey("user:anne", "owner", "document:d");

        await host.Client.GrantAsync(owner);

        Assert.Empty(await server.ReadTuplesAsync(store));
        Assert.Equal(1, (await host.Cache.GetPendingCountAsync()).Writes);
        Assert.True(await host.Client.CheckAsync(new CheckQuery(owner.User, "owner", owner.Object)));
        await host.Cache.FlushAsync();
        Assert.Equal([owner.ToString()], await server.ReadTuplesAsync(store));
    }

    [Fact]
    public async Task With_critical_relations_rejected_a_write_behind_on_one_throws_naming_it_and_writes_nothing()
    {
        var store = await server.CreateStoreAsync();
        await using var host = await PipelineHost.StartAsync(server, store, s => s["Fga:WriteBehind:CriticalRelations"] = "Reject");
        var owner = new TupleKey("user:anne", "owner", "document:d");

        var grant = await Assert.ThrowsAsync<FgaCriticalRelationException>(() => host.Client.GrantAsync(owner).AsTask());
        var revoke = await Assert.ThrowsAsync<FgaCriticalRelationException>(() => host.Client.RevokeAsync(owner).AsTask());

        Assert.Equal("document#owner", grant.Relation);
        Assert.Contains("document#owner is marked # @critical", grant.Message, StringComparison.Ordinal);
        Assert.Equal(owner, revoke.Tuple);
        Assert.Empty(await server.ReadTuplesAsync(store));
        Assert.Equal(0, (await host.Cache.GetPendingCountAsync()).Total);

        // Written through explicitly it is allowed, and other relations still go behind.
        await host.Client.GrantAsync(owner, WriteMode.Immediate);
        await host.Client.GrantAsync(new TupleKey("user:bob", "viewer", "document:d"));
        Assert.Equal([owner.ToString()], await server.ReadTuplesAsync(store));
        Assert.Equal(1, (await host.Cache.GetPendingCountAsync()).Writes);
    }

    [Fact]
    public async Task An_unknown_critical_relation_policy_is_refused_at_start_naming_the_key()
    {
        var store = await server.CreateStoreAsync();
        var failure = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var host = await PipelineHost.StartAsync(server, store, s => s["Fga:WriteBehind:CriticalRelations"] = "Sometimes");
        });

        Assert.Contains("CriticalRelations", failure.ToString(), StringComparison.Ordinal);
    }
}
