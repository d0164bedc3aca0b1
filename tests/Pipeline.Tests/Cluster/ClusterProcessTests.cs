using Npgsql;
using TypedFga.Outbox.PostgreSql;
using TypedFga.Pipeline.Tests.Infrastructure;
using TypedFga.Runtime.Tests.Outbox.PostgreSql;
using Xunit.Abstractions;

namespace TypedFga.Pipeline.Tests.Cluster;

/// <summary>
/// Three application node processes on one shared PostgreSQL outbox, writing behind to the test server: grants and
/// revokes of the same tuples from every node, one node killed with SIGKILL in the middle of a flush and started again.
/// </summary>
public sealed class ClusterProcessTests(FgaServerFixture server, ITestOutputHelper output) : IClassFixture<FgaServerFixture>, IDisposable
{
    private const int SharedTuples = 24;

    public void Dispose() => server.Faults.Reset();

    [PostgreSqlFact]
    public async Task Every_tuple_ends_as_its_last_acknowledged_operation_with_none_lost_resurrected_or_sent_twice()
    {
        var store = await server.CreateStoreAsync();
        await using var database = await PostgreSqlServer.CreateDatabaseAsync();
        // The shared outbox exists before the nodes start, so the test can watch its leases.
        await using (var outbox = new PostgreSqlOutboxStore(database.ConnectionString))
        {
            await outbox.InitializeAsync();
        }

        // A slow server: flushes take long, so the node is killed while it holds leases on requests in flight.
        server.Faults.SetLatency(TimeSpan.FromMilliseconds(25));
        var runs = new List<ClusterNodeProcess>();
        try
        {
            var victim = Start(runs, database, store, operations: 150, seed: 1);
            Start(runs, database, store, operations: 400, seed: 2);
            Start(runs, database, store, operations: 400, seed: 3);

            // Killed once its appends are acknowledged (so the test knows every one of them) and while it flushes.
            await victim.Done.WaitAsync(TimeSpan.FromSeconds(90));
            Assert.True(
                await Eventually.TrueAsync(async () => await LeasesHeldByAsync(database, victim.ProcessId) > 0, TimeSpan.FromSeconds(30)),
                "the node never held a lease: " + await victim.ErrorsSoFarAsync());
            var leased = await LeasesHeldByAsync(database, victim.ProcessId);
            await victim.KillAsync();
            output.WriteLine($"killed node {victim.ProcessId} holding {leased} leases, after {victim.Acknowledged.Count} acknowledged operations");

            // Started again on the same machine: it takes the dead process's leases over, and writes more.
            Start(runs, database, store, operations: 150, seed: 4);
            foreach (var run in runs.Skip(1))
            {
                await run.Done.WaitAsync(TimeSpan.FromSeconds(120));
            }

            server.Faults.Reset();
            foreach (var run in runs.Skip(1))
            {
                var (exitCode, errors) = await run.StopAsync(TimeSpan.FromSeconds(60));
                Assert.True(exitCode == 0, $"a node failed ({exitCode}): {errors}");
            }
        }
        finally
        {
            foreach (var run in runs)
            {
                await run.DisposeAsync();
            }
        }

        await using var shared = new PostgreSqlOutboxStore(database.ConnectionString);
        Assert.Equal(0, (await shared.GetPendingCountAsync()).Total);
        Assert.Equal(0, await shared.GetDeadLetterCountAsync());

        var acknowledged = runs.SelectMany(run => run.Acknowledged).ToList();
        Assert.Equal(acknowledged.Count, acknowledged.Select(op => op.Sequence).Distinct().Count());
        var byTuple = acknowledged.GroupBy(op => op.Tuple).ToDictionary(g => g.Key, g => g.OrderBy(op => op.Sequence).ToList(), StringComparer.Ordinal);
        var expected = byTuple.Where(t => t.Value[^1].Grant).Select(t => t.Key).Order(StringComparer.Ordinal).ToList();
        var stored = await server.ReadTuplesAsync(store);
        var lost = expected.Except(stored, StringComparer.Ordinal).Count();
        var resurrected = stored.Except(expected, StringComparer.Ordinal).Count();

        // What reached the server for each tuple, in order, must be the tuple's acknowledged operations in sequence
        // order with some left out (superseded before they were sent): an operation sent twice, or out of order, breaks it.
        var sentTwiceOrOutOfOrder = 0;
        var requests = server.Writes.For(store);
        foreach (var (tuple, operations) in byTuple)
        {
            var sent = requests
                .SelectMany(request => request.Writes.Where(w => w == tuple).Select(_ => true).Concat(request.Deletes.Where(d => d == tuple).Select(_ => false)))
                .ToList();
            sentTwiceOrOutOfOrder += UnmatchedInOrder(sent, operations);
        }

        output.WriteLine(
            $"{acknowledged.Count} acknowledged operations on {byTuple.Count} tuples from {runs.Count} node runs; {requests.Count} Write requests; " +
            $"lost {lost}, resurrected {resurrected}, sent twice or out of order {sentTwiceOrOutOfOrder}");
        Assert.Equal(expected, stored);
        Assert.Equal(0, sentTwiceOrOutOfOrder);
    }

    // How many of the sent operations (true: a write) cannot be matched, in order, each to a distinct later acknowledged
    // operation of the same kind.
    private static int UnmatchedInOrder(List<bool> sent, List<AcknowledgedOperation> acknowledged)
    {
        var unmatched = 0;
        var next = 0;
        foreach (var grant in sent)
        {
            while (next < acknowledged.Count && acknowledged[next].Grant != grant)
            {
                next++;
            }

            if (next == acknowledged.Count)
            {
                unmatched++;
                continue;
            }

            next++;
        }

        return unmatched;
    }

    private ClusterNodeProcess Start(List<ClusterNodeProcess> runs, PostgreSqlServer database, string store, int operations, int seed)
    {
        var node = ClusterNodeProcess.Start(database.ConnectionString, store, server.BaseAddress, operations, seed, SharedTuples);
        runs.Add(node);
        return node;
    }

    private static async Task<long> LeasesHeldByAsync(PostgreSqlServer database, int processId)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM typedfga_outbox_operations WHERE lease_owner LIKE $1 AND next_attempt_at > now()", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = $"%/{processId}/%" });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
