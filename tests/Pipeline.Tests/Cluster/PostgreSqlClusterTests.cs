using Microsoft.Extensions.DependencyInjection;
using TypedFga.Pipeline.Tests.Infrastructure;
using TypedFga.Runtime.Tests.Outbox.PostgreSql;
using Xunit.Abstractions;

namespace TypedFga.Pipeline.Tests.Cluster;

/// <summary>
/// Hosts wired as applications wire TypedFga with <c>Fga:WriteBehind:Store = PostgreSql</c>, two nodes in one process
/// (each with its own container, connections and cache) on one shared outbox.
/// </summary>
public sealed class PostgreSqlClusterTests(FgaServerFixture server, ITestOutputHelper output) : IClassFixture<FgaServerFixture>, IDisposable
{
    // A notification reaches the other node in milliseconds; the bound is far below the cache's five minutes, and
    // generous for a machine busy with the tests that run beside these.
    private static readonly TimeSpan NotificationPatience = TimeSpan.FromSeconds(20);

    public void Dispose() => server.Faults.Reset();

    [PostgreSqlFact]
    public async Task A_check_on_one_node_right_after_a_grant_acknowledged_on_another_answers_true()
    {
        var store = await server.CreateStoreAsync();
        await using var database = await PostgreSqlServer.CreateDatabaseAsync();
        var settings = PostgreSqlNodes.Settings(server, store, database);
        await using var nodeA = await PostgreSqlNodes.StartAsync(settings);
        await using var nodeB = await PostgreSqlNodes.StartAsync(settings);

        var falses = 0;
        for (var i = 0; i < 300; i++)
        {
            var tuple = new TupleKey($"user:u{i}", "viewer", $"document:d{i % 7}");
            await nodeA.Client.GrantAsync(tuple);
            if (!await nodeB.Client.CheckAsync(new CheckQuery(tuple.User, "viewer", tuple.Object)))
            {
                falses++;
            }
        }

        Assert.Equal(0, falses);
        // Nothing was flushed: every answer came from the operations pending in the shared outbox.
        Assert.Empty(server.Writes.For(store));

        // Any node flushes what any node queued.
        await nodeB.Cache.FlushAsync();
        Assert.Equal(300, (await server.ReadTuplesAsync(store)).Count);
        Assert.Equal(0, (await nodeA.Cache.GetPendingCountAsync()).Total);
    }

    [PostgreSqlFact]
    public async Task Lists_and_reads_on_one_node_reflect_the_grants_and_revokes_acknowledged_on_another()
    {
        var store = await server.CreateStoreAsync();
        await using var database = await PostgreSqlServer.CreateDatabaseAsync();
        var settings = PostgreSqlNodes.Settings(server, store, database);
        await using var nodeA = await PostgreSqlNodes.StartAsync(settings);
        await using var nodeB = await PostgreSqlNodes.StartAsync(settings);
        await nodeA.Client.GrantAsync(new TupleKey("user:anne", "viewer", "document:stored"));
        await nodeA.Cache.FlushAsync();

        await nodeA.Client.GrantAsync(new TupleKey("user:anne", "viewer", "document:pending"));
        await nodeA.Client.GrantAsync(new TupleKey("user:bob", "viewer", "document:pending"));
        await nodeA.Client.RevokeAsync(new TupleKey("user:anne", "viewer", "document:stored"));

        // Read first: the list below flushes the relevant revoke, and the grants pending with it, before it answers.
        var read = new List<FgaTupleRecord>();
        await foreach (var record in nodeB.Client.ReadAsync(new ReadQuery("document:pending")))
        {
            read.Add(record);
        }

        var documents = await nodeB.Client.ListObjectsAsync(new ListObjectsQuery("document", "viewer", "user:anne"));
        var viewers = await nodeB.Client.ListUsersAsync(new ListUsersQuery("document:pending", "viewer", "user"));

        Assert.Equal(["document:pending"], documents);
        Assert.Equal(["user:anne", "user:bob"], viewers.Order(StringComparer.Ordinal));
        Assert.Equal(
            ["document:pending#viewer@user:anne PendingGrant", "document:pending#viewer@user:bob PendingGrant"],
            read.Select(r => $"{r.Tuple} {r.State}").Order(StringComparer.Ordinal));
    }

    [PostgreSqlFact]
    public async Task A_revoke_acknowledged_on_one_node_denies_at_once_on_another()
    {
        var store = await server.CreateStoreAsync();
        await using var database = await PostgreSqlServer.CreateDatabaseAsync();
        var settings = PostgreSqlNodes.Settings(server, store, database);
        await using var nodeA = await PostgreSqlNodes.StartAsync(settings);
        await using var nodeB = await PostgreSqlNodes.StartAsync(settings);
        var tuple = new TupleKey("user:anne", "viewer", "document:1");
        await nodeA.Client.GrantAsync(tuple);
        await nodeA.Cache.FlushAsync();

        await nodeA.Client.RevokeAsync(tuple);

        // The revoke is sent before node B answers (it cannot travel as a contextual tuple).
        Assert.False(await nodeB.Client.CheckAsync(new CheckQuery("user:anne", "viewer", "document:1")));
        Assert.Empty(await server.ReadTuplesAsync(store));
    }

    [PostgreSqlFact]
    public async Task A_cached_answer_on_one_node_goes_when_another_node_writes_the_tuple()
    {
        var store = await server.CreateStoreAsync();
        await using var database = await PostgreSqlServer.CreateDatabaseAsync();
        var settings = PostgreSqlNodes.Settings(server, store, database, cache: true);
        await using var nodeA = await PostgreSqlNodes.StartAsync(settings);
        await using var nodeB = await PostgreSqlNodes.StartAsync(settings);
        var query = new CheckQuery("user:anne", "viewer", "document:cached");
        var tuple = new TupleKey("user:anne", "viewer", "document:cached");

        // Cached on B (the TTL is five minutes); then written on A and flushed, so only the notification tells B.
        Assert.False(await nodeB.Client.CheckAsync(query));
        await nodeA.Client.GrantAsync(tuple);
        await nodeA.Cache.FlushAsync();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        Assert.True(await Eventually.TrueAsync(async () => await nodeB.Client.CheckAsync(query), NotificationPatience));
        output.WriteLine($"node B answered the new state {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds:F1} ms after the flush");

        // Written through (past the outbox) on A: announced too.
        await nodeA.Client.RevokeAsync(tuple, WriteMode.Immediate);
        Assert.True(await Eventually.TrueAsync(async () => !await nodeB.Client.CheckAsync(query), NotificationPatience));
    }

    [PostgreSqlFact]
    public async Task A_cached_answer_on_one_node_goes_when_another_node_clears_or_dead_letters_the_pending_grant_it_counted_on()
    {
        var store = await server.CreateStoreAsync();
        await using var database = await PostgreSqlServer.CreateDatabaseAsync();
        var settings = PostgreSqlNodes.Settings(server, store, database, cache: true);
        await using var nodeA = await PostgreSqlNodes.StartAsync(settings);
        await using var nodeB = await PostgreSqlNodes.StartAsync(settings);
        var cleared = new TupleKey("user:anne", "viewer", "document:cleared");
        var refused = new TupleKey("user:anne", "viewer", "document:refused");

        await CachedOnBAsync(cleared);
        Assert.Equal(1, await nodeA.Cache.ClearAsync());
        Assert.True(await Eventually.TrueAsync(async () => !await nodeB.Client.CheckAsync(Query(cleared)), NotificationPatience));

        await CachedOnBAsync(refused);
        server.Faults.FailNext(1, 400, "validation_error", "refused by the test server", request => request.Path.Value == $"/stores/{store}/write");
        Assert.Equal(1, (await nodeA.Cache.FlushAsync()).DeadLettered);
        Assert.True(await Eventually.TrueAsync(async () => !await nodeB.Client.CheckAsync(Query(refused)), NotificationPatience));

        static CheckQuery Query(TupleKey tuple) => new(tuple.User, tuple.Relation, tuple.Object);

        // Granted on A and answered on B from the shared outbox; asked again once the grant's own announcement has
        // reached B, so that B's cache (five minutes) holds the answer and only a later announcement can take it away.
        async Task CachedOnBAsync(TupleKey tuple)
        {
            await nodeA.Client.GrantAsync(tuple);
            Assert.True(await nodeB.Client.CheckAsync(Query(tuple)));
            await Task.Delay(300);
            Assert.True(await nodeB.Client.CheckAsync(Query(tuple)));
        }
    }

    [PostgreSqlFact]
    public async Task Two_nodes_granting_and_revoking_the_same_tuples_leave_the_last_acknowledged_operation_of_each()
    {
        var store = await server.CreateStoreAsync();
        await using var database = await PostgreSqlServer.CreateDatabaseAsync();
        var settings = PostgreSqlNodes.Settings(server, store, database);
        settings["Fga:WriteBehind:BatchSize"] = "20";
        await using var nodeA = await PostgreSqlNodes.StartAsync(settings);
        await using var nodeB = await PostgreSqlNodes.StartAsync(settings);
        server.Faults.SetLatency(TimeSpan.FromMilliseconds(3));

        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<(long Sequence, bool Grant, string Tuple)>();
        await Task.WhenAll(new[] { nodeA, nodeB }.Select((node, n) => Task.Run(async () =>
        {
            var random = new Random(17 + n);
            for (var i = 0; i < 400; i++)
            {
                var tuple = new TupleKey($"user:u{random.Next(12)}", "viewer", "document:shared");
                var grant = random.Next(2) == 0;
                var sequence = grant
                    ? await node.Outbox.GrantAsync(Connection(store), tuple)
                    : await node.Outbox.RevokeAsync(Connection(store), tuple);
                acknowledged.Add((sequence, grant, tuple.ToString()));
            }
        })));
        await Task.WhenAll(nodeA.Cache.DrainAsync(), nodeB.Cache.DrainAsync());
        await nodeA.Cache.DrainAsync();
        server.Faults.Reset();

        var expected = acknowledged.GroupBy(op => op.Tuple)
            .Select(tuple => tuple.MaxBy(op => op.Sequence))
            .Where(last => last.Grant)
            .Select(last => last.Tuple)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expected, await server.ReadTuplesAsync(store));
        Assert.Equal(0, (await nodeB.Cache.GetPendingCountAsync()).Total);
    }

    [PostgreSqlFact]
    public async Task A_poison_tuple_dead_letters_only_itself_and_every_node_sees_and_retries_it()
    {
        var store = await server.CreateStoreAsync();
        await using var database = await PostgreSqlServer.CreateDatabaseAsync();
        var settings = PostgreSqlNodes.Settings(server, store, database);
        await using var nodeA = await PostgreSqlNodes.StartAsync(settings);
        await using var nodeB = await PostgreSqlNodes.StartAsync(settings);
        var good = Enumerable.Range(0, 10).Select(i => new TupleKey($"user:u{i}", "viewer", "document:poison")).ToList();
        // Well-formed, so the outbox takes it; the model has no such relation, so the server refuses it.
        var poison = new TupleKey("user:mallory", "no_such_relation", "document:poison");
        foreach (var tuple in good.Take(5).Append(poison).Concat(good.Skip(5)))
        {
            await nodeA.Client.GrantAsync(tuple);
        }

        await nodeB.Cache.DrainAsync();

        Assert.Equal(good.Select(t => t.ToString()).Order(StringComparer.Ordinal), await server.ReadTuplesAsync(store));
        var letter = Assert.Single(await nodeA.Cache.GetDeadLettersAsync());
        Assert.Equal(poison.ToString(), letter.Tuple.ToString());
        var health = new Diagnostics.WriteBehindHealthCheck(
            nodeA.Outbox, nodeA.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Flushing.WriteBehindOptions>>(), TimeProvider.System);
        var report = await health.CheckHealthAsync(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext());
        Assert.NotEqual(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, report.Status);

        // Retried on the other node: pending again, refused again, a dead letter again.
        Assert.Equal(1, await nodeB.Cache.RetryDeadLettersAsync());
        Assert.Equal(1, (await nodeA.Cache.GetPendingCountAsync()).Total);
        await nodeA.Cache.DrainAsync();
        Assert.Single(await nodeB.Cache.GetDeadLettersAsync());
        Assert.Equal(1, await nodeA.Cache.PurgeDeadLettersAsync());
        Assert.Equal(0, await nodeB.Cache.GetDeadLetterCountAsync());
    }

    private static Backends.FgaConnection Connection(string store) => new("default", store, null);
}
