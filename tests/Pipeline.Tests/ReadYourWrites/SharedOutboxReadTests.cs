using TypedFga.Pipeline.Tests.Infrastructure;

namespace TypedFga.Pipeline.Tests.ReadYourWrites;

/// <summary>
/// docs/write-behind.md, "What a returned grant or revoke guarantees": "A grant that returned is seen at once by checks
/// in every process that shares the outbox file". Two hosts on one outbox file and one store stand for a web
/// application and its worker. (The same page's "Reads" section now promises less: another process's operations
/// are seen once this one has flushed, or once they reach OpenFGA. The two sentences disagree; these tests hold the
/// first one.)
/// </summary>
public sealed class SharedOutboxReadTests(FgaServerFixture server) : IClassFixture<FgaServerFixture>
{
    [Fact]
    public async Task A_grant_made_by_one_host_is_seen_at_once_by_checks_of_another_on_the_same_outbox()
    {
        var store = await server.CreateStoreAsync();
        using var folder = new TempFolder();
        var outbox = folder.File("shared.db");
        await using var application = PipelineHost.Build(PipelineHost.Settings(server, store, outbox));
        await using var worker = PipelineHost.Build(PipelineHost.Settings(server, store, outbox));
        await application.StartAsync();
        await worker.StartAsync();
        var anne = new TupleKey("user:anne", "viewer", "document:roadmap");

        await application.Client.GrantAsync(anne);

        Assert.True(await application.Client.CheckAsync(new CheckQuery(anne.User, anne.Relation, anne.Object)));
        Assert.Equal(1, (await worker.Cache.GetPendingCountAsync()).Total);
        Assert.True(
            await worker.Client.CheckAsync(new CheckQuery(anne.User, anne.Relation, anne.Object)),
            "The other host's check denied a grant that was pending in the outbox file they share.");
    }

    [Fact]
    public async Task A_revoke_made_by_one_host_is_seen_at_once_by_checks_of_another_on_the_same_outbox()
    {
        var store = await server.CreateStoreAsync();
        var anne = new TupleKey("user:anne", "viewer", "document:roadmap");
        await server.SeedAsync(store, anne);
        using var folder = new TempFolder();
        var outbox = folder.File("shared.db");
        await using var application = PipelineHost.Build(PipelineHost.Settings(server, store, outbox));
        await using var worker = PipelineHost.Build(PipelineHost.Settings(server, store, outbox));
        await application.StartAsync();
        await worker.StartAsync();
        Assert.True(await worker.Client.CheckAsync(new CheckQuery(anne.User, anne.Relation, anne.Object)));

        await application.Client.RevokeAsync(anne);

        Assert.Equal(1, (await worker.Cache.GetPendingCountAsync()).Total);
        Assert.False(
            await worker.Client.CheckAsync(new CheckQuery(anne.User, anne.Relation, anne.Object)),
            "The other host's check allowed a tuple whose revoke was pending in the outbox file they share.");
    }
}
