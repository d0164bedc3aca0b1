// Measures the embedded engine in process: Check latency (direct tuple, 3-level tuple-to-userset chain,
// 3-level nested group) and Write throughput at 100 tuples per request, for each store size.
//   dotnet run -c Release --project bench/EngineBench                 sizes 10k, 100k, 1M
//   dotnet run -c Release --project bench/EngineBench -- --quick      sizes 10k, 50k
//   options: --sizes 10000,1000000  --iterations 2000  --in-memory
//   dotnet run -c Release --project bench/EngineBench -- --parallel   checks/s with 1 and 8 callers, 100k tuples
//   options: --callers 8  --rounds 7  --seconds 2  --sizes 100000  --file / --in-memory (only one database)
using System.Diagnostics;
using System.Globalization;
using TypedFga.Bench;
using TypedFga.Embedded;
using TypedFga.Wire;

var options = BenchOptions.Parse(args);
var scenarios = new (string Name, string User, string Object)[]
{
    ("direct tuple", "user:direct", "document:direct"),
    ("3-level tuple-to-userset", "user:chain", "document:chain"),
    ("nested group (3 levels)", "user:nested", "document:nested"),
};
if (options.Parallel)
{
    await ParallelChecks.RunAsync(options, scenarios);
    return;
}

var results = new List<(int Size, string Scenario, double Median, double P95)>();
var writes = new List<(int Size, double TuplesPerSecond, double MedianWrite)>();

foreach (var size in options.Sizes)
{
    var directory = Path.Combine(Path.GetTempPath(), "typedfga-bench-" + Guid.NewGuid().ToString("N"));
    Directory.CreateDirectory(directory);
    try
    {
        var connectionString = options.InMemory ? "Data Source=:memory:" : $"Data Source={Path.Combine(directory, "fga.db")}";
        using var engine = new EmbeddedOpenFga(new EmbeddedOpenFgaOptions { ConnectionString = connectionString });
        Console.Write($"filling {size:N0} tuples... ");
        var store = await BenchStore.FillAsync(engine, size);
        Console.WriteLine($"{store.TuplesPerSecond:N0} tuples/s");
        writes.Add((size, store.TuplesPerSecond, store.MedianWriteMicroseconds));

        foreach (var (name, user, obj) in scenarios)
        {
            var request = new CheckRequest { AuthorizationModelId = store.ModelId, TupleKey = TupleKeyWithoutCondition.Of(user, "viewer", obj) };
            for (var i = 0; i < Math.Min(200, options.Iterations); i++)
            {
                await engine.CheckAsync(store.StoreId, request);
            }

            var times = new List<double>(options.Iterations);
            for (var i = 0; i < options.Iterations; i++)
            {
                var started = Stopwatch.GetTimestamp();
                var response = await engine.CheckAsync(store.StoreId, request);
                times.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
                if (!response.Allowed)
                {
                    throw new InvalidOperationException($"{name}: the check answered false");
                }
            }

            results.Add((size, name, Statistics.Median(times), Statistics.Percentile(times, 0.95)));
        }
    }
    finally
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}

Console.WriteLine();
Console.WriteLine($"Check latency, µs (median / p95 of {options.Iterations} checks; {(options.InMemory ? "in-memory" : "file, WAL, synchronous=NORMAL")})");
Console.WriteLine("scenario".PadRight(28) + string.Concat(options.Sizes.Select(s => $"{s,22:N0}")));
foreach (var scenario in scenarios.Select(s => s.Name))
{
    Console.WriteLine(scenario.PadRight(28) + string.Concat(options.Sizes.Select(size =>
    {
        var r = results.Single(x => x.Size == size && x.Scenario == scenario);
        return $"{r.Median.ToString("F1", CultureInfo.InvariantCulture) + " / " + r.P95.ToString("F1", CultureInfo.InvariantCulture),22}";
    })));
}

if (options.Sizes.Count > 1)
{
    Console.WriteLine($"change of the median from {options.Sizes[0]:N0} to {options.Sizes[^1]:N0} tuples:");
    foreach (var scenario in scenarios.Select(s => s.Name))
    {
        var first = results.Single(x => x.Size == options.Sizes[0] && x.Scenario == scenario).Median;
        var last = results.Single(x => x.Size == options.Sizes[^1] && x.Scenario == scenario).Median;
        Console.WriteLine($"  {scenario,-28} x{(last / first).ToString("F2", CultureInfo.InvariantCulture)}");
    }
}

Console.WriteLine();
Console.WriteLine("Write, 100 tuples per request");
foreach (var (size, perSecond, medianWrite) in writes)
{
    Console.WriteLine($"  filling {size,11:N0} tuples: median request {medianWrite.ToString("F0", CultureInfo.InvariantCulture)} µs = {100 / medianWrite * 1_000_000,9:N0} tuples/s; wall clock {perSecond,9:N0} tuples/s");
}
