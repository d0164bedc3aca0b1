using System.Diagnostics;
using System.Globalization;
using TypedFga.Embedded;
using TypedFga.Embedded.Api;

namespace TypedFga.Bench;

/// <summary>
/// Checks per second on one engine with one caller and with several concurrent callers, in the same run: each
/// round measures both, one after the other, and the ratio of the medians is printed. Every caller is a thread
/// of its own that checks in a loop (the engine answers synchronously), cycling through the three scenarios.
/// Run for a file database and for the in-memory default, or only the latter with <c>--in-memory</c>.
/// </summary>
internal static class ParallelChecks
{
    public static async Task RunAsync(BenchOptions options, IReadOnlyList<(string Name, string User, string Object)> scenarios)
    {
        var size = options.Sizes[0];
        Console.WriteLine($"{Environment.ProcessorCount} processors; load average at start: {LoadAverage()}");
        var databases = options.InMemory ? new[] { "in-memory" } : ["file", "in-memory"];
        var summary = new List<string>();
        foreach (var database in databases)
        {
            var directory = Path.Combine(Path.GetTempPath(), "typedfga-bench-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            try
            {
                var connectionString = database == "file" ? $"Data Source={Path.Combine(directory, "fga.db")}" : "Data Source=:memory:";
                using var engine = new EmbeddedOpenFga(new EmbeddedOpenFgaOptions { ConnectionString = connectionString });
                Console.Write($"{database}: filling {size:N0} tuples... ");
                var store = await BenchStore.FillAsync(engine, size);
                Console.WriteLine($"{store.TuplesPerSecond:N0} tuples/s");
                var requests = scenarios
                    .Select(s => new CheckRequest { AuthorizationModelId = store.ModelId, TupleKey = ApiTupleKey.Of(s.User, "viewer", s.Object) })
                    .ToArray();

                // Warm-up: JIT, the model cache and every reader connection the callers will use.
                Measure(engine, store.StoreId, requests, 1, options.Seconds / 2);
                Measure(engine, store.StoreId, requests, options.Callers, options.Seconds / 2);

                var one = new List<double>();
                var many = new List<double>();
                for (var round = 1; round <= options.Rounds; round++)
                {
                    var single = Measure(engine, store.StoreId, requests, 1, options.Seconds);
                    var concurrent = Measure(engine, store.StoreId, requests, options.Callers, options.Seconds);
                    one.Add(single.PerSecond);
                    many.Add(concurrent.PerSecond);
                    Console.WriteLine($"  round {round}: 1 caller {single}; {options.Callers} callers {concurrent}; ratio {F2(concurrent.PerSecond / single.PerSecond)}");
                }

                var ratios = one.Zip(many, (a, b) => b / a).ToList();
                summary.Add(
                    $"{database,-10} {size:N0} tuples: 1 caller {Statistics.Median(one),9:N0} checks/s; {options.Callers} callers {Statistics.Median(many),9:N0} checks/s; " +
                    $"ratio of medians {F2(Statistics.Median(many) / Statistics.Median(one))}, median of round ratios {F2(Statistics.Median(ratios))} " +
                    $"(min {F2(ratios.Min())}, max {F2(ratios.Max())})");
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(directory, recursive: true);
            }
        }

        Console.WriteLine();
        Console.WriteLine($"Checks per second, {options.Callers} concurrent callers against 1 ({options.Rounds} rounds of {options.Seconds.ToString(CultureInfo.InvariantCulture)} s each)");
        summary.ForEach(Console.WriteLine);
        Console.WriteLine($"load average at end: {LoadAverage()}");
    }

    private static Measurement Measure(EmbeddedOpenFga engine, string storeId, CheckRequest[] requests, int callers, double seconds)
    {
        var stop = false;
        var counts = new long[callers];
        using var start = new Barrier(callers + 1);
        var threads = Enumerable.Range(0, callers).Select(caller => new Thread(() =>
        {
            var count = 0L;
            start.SignalAndWait();
            while (!Volatile.Read(ref stop))
            {
                var request = requests[(count + caller) % requests.Length];
                if (!engine.CheckAsync(storeId, request).GetAwaiter().GetResult().Allowed)
                {
                    throw new InvalidOperationException($"{request.TupleKey}: the check answered false");
                }

                count++;
            }

            counts[caller] = count;
        })
        { IsBackground = true }).ToList();
        threads.ForEach(t => t.Start());

        var process = Process.GetCurrentProcess();
        start.SignalAndWait();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var pausedBefore = GC.GetTotalPauseDuration();
        var started = Stopwatch.GetTimestamp();
        Thread.Sleep(TimeSpan.FromSeconds(seconds));
        Volatile.Write(ref stop, true);
        threads.ForEach(t => t.Join());
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var checks = counts.Sum();
        return new Measurement(
            checks / elapsed,
            cpu / elapsed,
            (GC.GetTotalAllocatedBytes() - allocatedBefore) / (double)checks,
            (GC.GetTotalPauseDuration() - pausedBefore).TotalSeconds / elapsed);
    }

    /// <summary>Throughput, the processor time used (in cores), bytes allocated per check, and the share of the time the GC paused every thread.</summary>
    private sealed record Measurement(double PerSecond, double Cores, double BytesPerCheck, double GcPause)
    {
        public override string ToString() =>
            $"{PerSecond,9:N0} checks/s (CPU {F2(Cores)} cores, {BytesPerCheck:N0} B/check, GC pauses {GcPause * 100:F1}%)";
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string F2(double value) => value.ToString("F2", CultureInfo.InvariantCulture);
}
