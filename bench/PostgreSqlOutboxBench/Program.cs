using System.Diagnostics;
using System.Globalization;
using Npgsql;
using TypedFga;
using TypedFga.Backends;
using TypedFga.Outbox;
using TypedFga.Outbox.PostgreSql;
using TypedFga.Benchmarks.PostgreSqlOutbox;

// Enqueue into the shared PostgreSQL outbox with 1, 8 and 32 concurrent callers, against a raw Npgsql insert and
// commit of the same row by the same number of callers, on one fresh database; each figure is the median of the runs,
// the two alternating run by run.
// Then the drain of a backlog by three nodes against one node, and how long after an enqueue returns on one node
// another node's check cache hears of it.
// Usage: TYPEDFGA_POSTGRES="Host=127.0.0.1;Port=54329;Username=postgres;Database=postgres" \
//        dotnet run -c Release --project bench/PostgreSqlOutboxBench -- [--runs 5] [--operations 2000] [--drain 100000] [--drain-runs 3] [--write-latency-ms 20]
int Int(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

var server = Environment.GetEnvironmentVariable("TYPEDFGA_POSTGRES")
    ?? throw new InvalidOperationException("Set TYPEDFGA_POSTGRES to a PostgreSQL connection string (.ci/postgres start <folder> <port> starts one).");
var runs = Int("--runs", 5);
var operations = Int("--operations", 2_000);
var drainOperations = Int("--drain", 100_000);
var drainRuns = Int("--drain-runs", 3);
var writeLatency = TimeSpan.FromMilliseconds(Int("--write-latency-ms", 20));
var database = "typedfga_bench_" + Guid.NewGuid().ToString("N");
await using (var admin = NpgsqlDataSource.Create(server))
{
    await using var create = admin.CreateCommand($"CREATE DATABASE {database}");
    await create.ExecuteNonQueryAsync();
}

try
{
    await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(server) { Database = database, MaxPoolSize = 64 }.ConnectionString);
    await using var outbox = new PostgreSqlOutboxStore(dataSource);
    await outbox.InitializeAsync();
    await using (var table = dataSource.CreateCommand(
        "CREATE TABLE raw_rows (seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, subject text, relation text, object text, enqueued_at timestamptz)"))
    {
        await table.ExecuteNonQueryAsync();
    }

    var connection = new FgaConnection("default", "01HVMMBCMGZNT3SED4Z17ECXCA", null);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"PostgreSQL outbox enqueue: runs={runs} operations={operations} per run, {Environment.ProcessorCount} cores"));
    Console.WriteLine("| callers | raw insert + commit | outbox enqueue | ratio |");
    Console.WriteLine("|---|---|---|---|");
    var round = 0;
    foreach (var callers in new[] { 1, 8, 32 })
    {
        var raw = new List<double>();
        var enqueue = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var first = run % 2 == 0;
            for (var side = 0; side < 2; side++)
            {
                var isRaw = (side == 0) == first;
                var prefix = $"r{round++}-";
                var elapsed = await TimeAsync(callers, operations, i => isRaw
                    ? RawInsertAsync(dataSource, prefix + i)
                    : outbox.EnqueueAsync(connection, OutboxOperationKind.Grant, new TupleKey("user:" + prefix + i, "viewer", "document:" + (i % 100))));
                (isRaw ? raw : enqueue).Add(operations / elapsed.TotalSeconds);
            }
        }

        var rawMedian = Median(raw);
        var enqueueMedian = Median(enqueue);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {callers} | {rawMedian:N0} ops/s | {enqueueMedian:N0} ops/s | {enqueueMedian / rawMedian:0.00} |"));
    }

    var nodeConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Drain of {drainOperations:N0} operations to a backend answering each Write after {writeLatency.TotalMilliseconds:0} ms, runs={drainRuns}"));
    Console.WriteLine("| nodes | drain time (median) | operations/s | against 1 node |");
    Console.WriteLine("|---|---|---|---|");
    var drainTimes = new Dictionary<int, List<double>> { [1] = [], [3] = [] };
    for (var run = 0; run < drainRuns; run++)
    {
        foreach (var nodes in run % 2 == 0 ? new[] { 1, 3 } : new[] { 3, 1 })
        {
            await DrainBench.FillAsync(nodeConnectionString, connection, drainOperations, $"drain{run}-{nodes}-");
            drainTimes[nodes].Add((await DrainBench.DrainAsync(nodeConnectionString, nodes, writeLatency)).TotalSeconds);
        }
    }

    var oneNode = Median(drainTimes[1]);
    foreach (var (nodes, times) in drainTimes)
    {
        var median = Median(times);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {nodes} | {median:0.00} s | {drainOperations / median:N0} | {oneNode / median:0.00}x |"));
    }

    // How long after an enqueue returns on one node another node's check cache forgets what it changes: the second
    // node's store listens as a host's does and raises the event the cache invalidates on. One enqueue at a time, each
    // waited for, so the figure is latency, not throughput.
    await using var listenerSource = NpgsqlDataSource.Create(nodeConnectionString);
    await using var otherNode = new PostgreSqlOutboxStore(listenerSource, ownsDataSource: false, listen: true, timeProvider: null, logger: null);
    await otherNode.InitializeAsync();
    var heard = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
    otherNode.AppendedOnAnyNode += (_, tuple) => heard.TryAdd(tuple.User, Stopwatch.GetTimestamp());
    var latencies = new List<double>();
    for (var i = 0; i < Math.Max(200, operations / 10); i++)
    {
        var user = "user:latency" + i;
        await outbox.EnqueueAsync(connection, OutboxOperationKind.Grant, new TupleKey(user, "viewer", "document:1"));
        var returned = Stopwatch.GetTimestamp();
        long arrived;
        var waiting = Stopwatch.StartNew();
        while (!heard.TryGetValue(user, out arrived))
        {
            if (waiting.Elapsed > TimeSpan.FromSeconds(5))
            {
                throw new TimeoutException($"No notification of {user} within 5 s.");
            }

            await Task.Yield();
        }

        // A notification can arrive before the enqueue's continuation runs: that counts as no delay.
        latencies.Add(Math.Max(0, Stopwatch.GetElapsedTime(returned, arrived).TotalMicroseconds));
    }

    var ordered = latencies.Order().ToArray();
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"cross-node cache invalidation after the enqueue returned ({ordered.Length} enqueues): median {ordered[ordered.Length / 2]:0} µs, p99 {ordered[(int)(ordered.Length * 0.99)]:0} µs, max {ordered[^1]:0} µs"));
}
finally
{
    NpgsqlConnection.ClearAllPools();
    await using var admin = NpgsqlDataSource.Create(server);
    await using var drop = admin.CreateCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
    await drop.ExecuteNonQueryAsync();
}

static async Task<TimeSpan> TimeAsync(int callers, int operations, Func<int, Task> operation)
{
    var next = -1;
    var watch = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < operations)
        {
            await operation(i);
        }
    })));
    return watch.Elapsed;
}

static async Task RawInsertAsync(NpgsqlDataSource dataSource, string user)
{
    await using var connection = await dataSource.OpenConnectionAsync();
    await using var transaction = await connection.BeginTransactionAsync();
    await using var insert = new NpgsqlCommand("INSERT INTO raw_rows (subject, relation, object, enqueued_at) VALUES ($1, 'viewer', 'document:1', now())", connection, transaction);
    insert.Parameters.Add(new NpgsqlParameter { Value = "user:" + user });
    await insert.ExecuteNonQueryAsync();
    await transaction.CommitAsync();
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}
