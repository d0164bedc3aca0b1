using TypedFga.Pipeline.Tests.Cluster;
using TypedFga.Pipeline.Tests.Infrastructure;
using TypedFga.Runtime.Tests.Outbox.PostgreSql;

namespace TypedFga.Pipeline.Tests.EndToEnd;

/// <summary>
/// The check cache after the outbox changes other than by a grant or revoke of this process: a cleared backlog, a
/// grant that ends as a dead letter, a dead letter retried. Each changes what a check must answer, so an answer
/// remembered before it must not be served after it. On either store.
/// </summary>
public sealed class CachedAnswersAfterOutboxChangesTests(FgaServerFixture server) : IClassFixture<FgaServerFixture>, IDisposable
{
    private static readonly TupleKey Anne = new("user:anne", "editor", "document:roadmap");
    private static readonly CheckQuery CanAnneEdit = new(Anne.User, "editor", Anne.Object);

    public void Dispose() => server.Faults.Reset();

    [Fact]
    public async Task A_pending_grant_cleared_from_a_file_outbox_is_no_longer_answered_from_the_cache()
    {
        var store = await server.CreateStoreAsync();
        await using var host = await PipelineHost.StartAsync(server, store, s => s["Fga:Cache:Enabled"] = "true");
        await ClearedGrantIsForgottenAsync(host, store);
    }

    [Fact]
    public async Task A_grant_dead_lettered_from_a_file_outbox_is_no_longer_answered_from_the_cache_and_its_retry_is_answered_at_once()
    {
        var store = await server.CreateStoreAsync();
        await using var host = await PipelineHost.StartAsync(server, store, s => s["Fga:Cache:Enabled"] = "true");
        await DeadLetteredGrantIsForgottenAndItsRetryAnsweredAsync(host, store);
    }

    [PostgreSqlFact]
    public async Task A_pending_grant_cleared_from_a_shared_outbox_is_no_longer_answered_from_the_cache()
    {
        var store = await server.CreateStoreAsync();
        await using var database = await PostgreSqlServer.CreateDatabaseAsync();
        await using var host = await PostgreSqlNodes.StartAsync(PostgreSqlNodes.Settings(server, store, database, cache: true));
        await ClearedGrantIsForgottenAsync(host, store);
    }

    [PostgreSqlFact]
    public async Task A_grant_dead_lettered_from_a_shared_outbox_is_no_longer_answered_from_the_cache_and_its_retry_is_answered_at_once()
    {
        var store = await server.CreateStoreAsync();
        await using var database = await PostgreSqlServer.CreateDatabaseAsync();
        await using var host = await PostgreSqlNodes.StartAsync(PostgreSqlNodes.Settings(server, store, database, cache: true));
        await DeadLetteredGrantIsForgottenAndItsRetryAnsweredAsync(host, store);
    }

    private async Task ClearedGrantIsForgottenAsync(PipelineHost host, string store)
    {
        await host.Client.GrantAsync(Anne);
        Assert.True(await host.Client.CheckAsync(CanAnneEdit));

        Assert.Equal(1, await host.Cache.ClearAsync());

        Assert.False(await host.Client.CheckAsync(CanAnneEdit));
        Assert.Empty(await server.ReadTuplesAsync(store));
    }

    private async Task DeadLetteredGrantIsForgottenAndItsRetryAnsweredAsync(PipelineHost host, string store)
    {
        await host.Client.GrantAsync(Anne);
        Assert.True(await host.Client.CheckAsync(CanAnneEdit));

        // The server refuses the write as bad input: the grant is given up on, never written.
        server.Faults.FailNext(1, 400, "validation_error", "refused by the test server", request => request.Path.Value == $"/stores/{store}/write");
        Assert.Equal(1, (await host.Cache.FlushAsync()).DeadLettered);
        Assert.False(await host.Client.CheckAsync(CanAnneEdit));

        // Retried, it is pending again, and read-your-writes answers it before any flush.
        server.Faults.Reset();
        Assert.Equal(1, await host.Cache.RetryDeadLettersAsync());
        Assert.True(await host.Client.CheckAsync(CanAnneEdit));

        await host.Cache.FlushAsync();
        Assert.Equal([Anne.ToString()], await server.ReadTuplesAsync(store));
        Assert.True(await host.Client.CheckAsync(CanAnneEdit));
    }
}
