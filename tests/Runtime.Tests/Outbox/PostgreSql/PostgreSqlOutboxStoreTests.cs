using System.Collections.Concurrent;
using Npgsql;
using TypedFga.Backends;
using TypedFga.Outbox;
using TypedFga.Outbox.PostgreSql;

namespace TypedFga.Runtime.Tests.Outbox.PostgreSql;

/// <summary>The shared PostgreSQL outbox against a real server: order, claims by several flushers, leases, dead letters.</summary>
public sealed class PostgreSqlOutboxStoreTests
{
    private static readonly FgaConnection Store = new("default", "01HVMMBCMGZNT3SED4Z17ECXCA", null);
    private static readonly TupleKey Anne = new("user:anne", "viewer", "document:1");

    [PostgreSqlFact]
    public async Task A_pending_operation_on_a_tuple_is_replaced_by_the_next_and_a_claimed_one_is_not()
    {
        await using var server = await PostgreSqlServer.CreateDatabaseAsync();
        await using var dataSource = server.CreateDataSource();
        var outbox = await StartAsync(dataSource);

        var first = await outbox.EnqueueAsync(Store, OutboxOperationKind.Grant, Anne);
        var second = await outbox.EnqueueAsync(Store, OutboxOperationKind.Revoke, Anne);
        Assert.True(second > first);
        Assert.Equal(new PendingCount(0, 1), await outbox.GetPendingCountAsync());

        var claimed = Assert.Single(await outbox.ClaimAsync("node-a", 10, long.MaxValue, TimeSpan.FromMinutes(1)));
        await outbox.EnqueueAsync(Store, OutboxOperationKind.Grant, Anne);

        Assert.Equal((second, OutboxOperationKind.Revoke), (claimed.Sequence, claimed.Kind));
        Assert.Equal(new PendingCount(1, 1), await outbox.GetPendingCountAsync());
    }

    [PostgreSqlFact]
    public async Task An_operation_waits_while_an_older_one_on_its_tuple_is_in_flight()
    {
        await using var server = await PostgreSqlServer.CreateDatabaseAsync();
        await using var dataSource = server.CreateDataSource();
        var outbox = await StartAsync(dataSource);
        await outbox.EnqueueAsync(Store, OutboxOperationKind.Grant, Anne);
        var grant = Assert.Single(await outbox.ClaimAsync("node-a", 10, long.MaxValue, TimeSpan.FromMinutes(1)));

        var revoke = await outbox.EnqueueAsync(Store, OutboxOperationKind.Revoke, Anne);
        var whileInFlight = await outbox.ClaimAsync("node-b", 10, long.MaxValue, TimeSpan.FromMinutes(1));
        await outbox.CompleteAsync("node-a", new OutboxCompletion([grant.Sequence]));
        var afterwards = await outbox.ClaimAsync("node-b", 10, long.MaxValue, TimeSpan.FromMinutes(1));

        Assert.Empty(whileInFlight);
        Assert.Equal(revoke, Assert.Single(afterwards).Sequence);
    }

    [PostgreSqlFact]
    public async Task Flushers_on_several_nodes_claim_every_operation_exactly_once()
    {
        await using var server = await PostgreSqlServer.CreateDatabaseAsync();
        await using var writer = server.CreateDataSource();
        var outbox = await StartAsync(writer);
        const int Operations = 600;
        for (var i = 0; i < Operations; i++)
        {
            await outbox.EnqueueAsync(Store, OutboxOperationKind.Grant, new TupleKey("user:u" + (i % 50), "viewer", "document:" + i));
        }

        var claims = new ConcurrentBag<(string Node, long Sequence)>();
        var nodes = Enumerable.Range(0, 4).Select(async node =>
        {
            await using var dataSource = server.CreateDataSource();
            var flusher = new PostgreSqlOutboxStore(dataSource);
            var owner = "node-" + node;
            while (await flusher.ClaimAsync(owner, 25, long.MaxValue, TimeSpan.FromMinutes(1)) is { Count: > 0 } batch)
            {
                foreach (var operation in batch)
                {
                    claims.Add((owner, operation.Sequence));
                }

                await flusher.CompleteAsync(owner, new OutboxCompletion(batch.Select(op => op.Sequence).ToList()));
            }
        });
        await Task.WhenAll(nodes);

        Assert.Equal(Operations, claims.Count);
        Assert.Equal(Operations, claims.Select(c => c.Sequence).Distinct().Count());
        Assert.Equal(new PendingCount(0, 0), await outbox.GetPendingCountAsync());
        Assert.True(claims.Select(c => c.Node).Distinct().Count() > 1, "Only one node claimed anything: the test did not run flushers side by side.");
    }

    [PostgreSqlFact]
    public async Task An_expired_lease_is_taken_over_and_the_first_holder_can_no_longer_complete_it()
    {
        await using var server = await PostgreSqlServer.CreateDatabaseAsync();
        await using var dataSource = server.CreateDataSource();
        var outbox = await StartAsync(dataSource);
        await outbox.EnqueueAsync(Store, OutboxOperationKind.Grant, Anne);
        var first = Assert.Single(await outbox.ClaimAsync("dead-node", 10, long.MaxValue, TimeSpan.FromMilliseconds(200)));

        await Task.Delay(400);
        var takenOver = Assert.Single(await outbox.ClaimAsync("live-node", 10, long.MaxValue, TimeSpan.FromMinutes(1)));
        await outbox.CompleteAsync("dead-node", new OutboxCompletion([first.Sequence]));

        Assert.Equal((first.Sequence, 2), (takenOver.Sequence, takenOver.Attempts));
        Assert.Equal(new PendingCount(1, 0), await outbox.GetPendingCountAsync());
        await outbox.CompleteAsync("live-node", new OutboxCompletion([takenOver.Sequence]));
        Assert.Equal(new PendingCount(0, 0), await outbox.GetPendingCountAsync());
    }

    [PostgreSqlFact]
    public async Task Rescheduled_operations_wait_released_ones_are_due_at_once_and_dead_letters_move_out()
    {
        await using var server = await PostgreSqlServer.CreateDatabaseAsync();
        await using var dataSource = server.CreateDataSource();
        var outbox = await StartAsync(dataSource);
        var bob = Anne with { User = "user:bob" };
        var carl = Anne with { User = "user:carl" };
        await outbox.EnqueueAsync(Store, OutboxOperationKind.Grant, Anne);
        await outbox.EnqueueAsync(Store, OutboxOperationKind.Grant, bob);
        await outbox.EnqueueAsync(Store, OutboxOperationKind.Grant, carl);
        var claimed = await outbox.ClaimAsync("node-a", 10, long.MaxValue, TimeSpan.FromMinutes(1));
        var completion = new OutboxCompletion();
        completion.Rescheduled.Add((claimed[0].Sequence, "HTTP 503", DateTimeOffset.UtcNow.AddHours(1)));
        completion.Released.Add(claimed[1].Sequence);
        completion.DeadLettered.Add((claimed[2].Sequence, DeadLetterReason.Rejected, "validation_error", "type 'user' is not allowed"));

        await outbox.CompleteAsync("node-a", completion);
        var again = await outbox.ClaimAsync("node-b", 10, long.MaxValue, TimeSpan.FromMinutes(1));

        Assert.Equal(claimed[1].Sequence, Assert.Single(again).Sequence);
        Assert.Equal(1, Assert.Single(again).Attempts);
        Assert.Equal(new PendingCount(2, 0), await outbox.GetPendingCountAsync());
        Assert.Equal(1L, await ScalarAsync(dataSource, "SELECT count(*) FROM typedfga_outbox_dead_letters WHERE error_code = 'validation_error'"));
        await outbox.EnqueueAsync(Store, OutboxOperationKind.Revoke, carl);
        Assert.Equal(0L, await ScalarAsync(dataSource, "SELECT count(*) FROM typedfga_outbox_dead_letters"));
    }

    [PostgreSqlFact]
    public async Task Nodes_that_start_together_migrate_once_and_a_newer_schema_is_refused_with_a_clear_error()
    {
        await using var server = await PostgreSqlServer.CreateDatabaseAsync();
        await using var dataSource = server.CreateDataSource();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => new PostgreSqlOutboxStore(dataSource).InitializeAsync()));
        Assert.Equal((long)PostgreSqlOutboxSchema.CurrentVersion, await ScalarAsync(dataSource, "SELECT version::bigint FROM typedfga_outbox_schema"));

        await ScalarAsync(dataSource, "UPDATE typedfga_outbox_schema SET version = version + 1 RETURNING 0::bigint");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new PostgreSqlOutboxStore(dataSource).InitializeAsync());
        Assert.Contains("newer than this library's", error.Message, StringComparison.Ordinal);
    }

    [PostgreSqlFact]
    public async Task The_sequence_is_one_order_across_nodes()
    {
        await using var server = await PostgreSqlServer.CreateDatabaseAsync();
        await using var first = server.CreateDataSource();
        await using var second = server.CreateDataSource();
        var nodeA = await StartAsync(first);
        var nodeB = new PostgreSqlOutboxStore(second);

        var fromA = await nodeA.EnqueueAsync(Store, OutboxOperationKind.Grant, Anne);
        var fromB = await nodeB.EnqueueAsync(Store, OutboxOperationKind.Revoke, Anne);

        Assert.True(fromB > fromA);
        Assert.Equal(fromB, await nodeA.GetHighestSequenceAsync(CancellationToken.None));
        Assert.Equal(new PendingCount(0, 1), await nodeB.GetPendingCountAsync());
    }

    [PostgreSqlFact]
    public async Task Concurrent_appends_from_two_nodes_on_shared_tuples_all_commit_and_leave_the_last_per_tuple()
    {
        await using var server = await PostgreSqlServer.CreateDatabaseAsync();
        await using var first = server.CreateDataSource();
        await using var second = server.CreateDataSource();
        await using var nodeA = await StartAsync(first);
        await using var nodeB = new PostgreSqlOutboxStore(second);
        var tuples = Enumerable.Range(0, 10).Select(i => new TupleKey("user:u" + i, "viewer", "document:shared")).ToArray();

        // 32 callers on each node, granting and revoking the same ten tuples: their appends share transactions, whose
        // advisory locks are taken in one order on both nodes, so none deadlocks.
        var returned = new ConcurrentBag<(long Sequence, TupleKey Tuple, OutboxOperationKind Kind)>();
        await Task.WhenAll(new[] { nodeA, nodeB }.SelectMany(node => Enumerable.Range(0, 32).Select(caller => Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                var tuple = tuples[(caller + i) % tuples.Length];
                var kind = (caller + i) % 2 == 0 ? OutboxOperationKind.Grant : OutboxOperationKind.Revoke;
                returned.Add((await node.EnqueueAsync(Store, kind, tuple), tuple, kind));
            }
        }))));

        Assert.Equal(2 * 32 * 20, returned.Select(r => r.Sequence).Distinct().Count());
        var left = await nodeA.GetPendingOperationsAsync();
        Assert.Equal(tuples.Length, left.Count);
        foreach (var operation in left)
        {
            // Per tuple, what is left is the operation with the highest sequence number among those acknowledged.
            var last = returned.Where(r => r.Tuple == operation.Tuple).MaxBy(r => r.Sequence);
            Assert.Equal((last.Sequence, last.Kind), (operation.Sequence, operation.Kind));
        }
    }

    private static async Task<PostgreSqlOutboxStore> StartAsync(NpgsqlDataSource dataSource)
    {
        var outbox = new PostgreSqlOutboxStore(dataSource);
        await outbox.InitializeAsync();
        return outbox;
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
