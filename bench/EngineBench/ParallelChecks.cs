using System.Diagnostics;
using System.Globalization;
using TypedFga.Embedded;
using TypedFga.Wire;

namespace TypedFga.Bench;

/// <summary>
/// Checks per second on one engine with one caller and with several concurrent callers, in the same run: each
/// round measures both, one after the other, and the ratio of the medians is printed, over all rounds and over
/// the rounds in which other processes left the processors alone. Every caller is a thread
/// of its own that checks in a loop (the engine answers synchronously), cycling through the three scenarios.
/// Run for a file database and for the in-memory default, or only one with <c>--file</c> or <c>--in-memory</c>.
/// </summary>
internal static class ParallelChecks
{
    private const double QuietCores = 0.25;

    public static async Task RunAsync(BenchOptions options, IReadOnlyList<(string Name, string User, string Object)> scenarios)
    {
        var size = options.Sizes[0];
        Console.WriteLine($"{Environment.ProcessorCount} processors; load average at start: {LoadAverage()}");
        var databases = options.InMemory ? new[] { "in-memory" } : options.FileOnly ? ["file"] : ["file", "in-memory"];
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
                    .Select(s => new CheckRequest { AuthorizationModelId = store.ModelId, TupleKey = TupleKeyWithoutCondition.Of(s.User, "viewer", s.Object) })
                    .ToArray();

                // Warm-up: JIT, the model cache and every reader connection the callers will use.
                Measure(engine, store.StoreId, requests, 1, options.Seconds / 2);
                Measure(engine, store.StoreId, requests, options.Callers, options.Seconds / 2);

                var rounds = new List<(Measurement One, Measurement Many)>();
                for (var round = 1; round <= options.Rounds; round++)
                {
                    var single = Measure(engine, store.StoreId, requests, 1, options.Seconds);
                    var concurrent = Measure(engine, store.StoreId, requests, options.Callers, options.Seconds);
                    rounds.Add((single, concurrent));
                    Console.WriteLine($"  round {round}: 1 caller {single}; {options.Callers} callers {concurrent}; ratio {F2(concurrent.PerSecond / single.PerSecond)}");
                }

                summary.Add($"{database,-10} {size:N0} tuples, all {rounds.Count} rounds: {Summary(rounds, options.Callers)}");

                // On a shared machine other processes take processor time from some rounds; those left alone are
                // reported apart, with the criterion, rather than instead of the others.
                var quiet = rounds.Where(r => r.One.OtherCores < QuietCores && r.Many.OtherCores < QuietCores).ToList();
                summary.Add(quiet.Count == 0
                    ? $"{database,-10} no round had the machine to itself (other processes under {F2(QuietCores)} cores)"
                    : $"{database,-10} {size:N0} tuples, {quiet.Count} rounds with other processes under {F2(QuietCores)} cores: {Summary(quiet, options.Callers)}");
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
        var machineBefore = MachineLoad.Read();
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
        var machineCores = MachineLoad.Read().CoresBusySince(machineBefore);
        var checks = counts.Sum();
        return new Measurement(
            checks / elapsed,
            cpu / elapsed,
            Math.Max(0, machineCores - cpu / elapsed),
            (GC.GetTotalAllocatedBytes() - allocatedBefore) / (double)checks,
            (GC.GetTotalPauseDuration() - pausedBefore).TotalSeconds / elapsed);
    }

    private static string Summary(List<(Measurement One, Measurement Many)> rounds, int callers)
    {
        var one = rounds.Select(r => r.One.PerSecond).ToList();
        var many = rounds.Select(r => r.Many.PerSecond).ToList();
        var ratios = rounds.Select(r => r.Many.PerSecond / r.One.PerSecond).ToList();
        return $"1 caller {Statistics.Median(one):N0} checks/s; {callers} callers {Statistics.Median(many):N0} checks/s; " +
            $"ratio of medians {F2(Statistics.Median(many) / Statistics.Median(one))}, median of round ratios {F2(Statistics.Median(ratios))} " +
            $"(min {F2(ratios.Min())}, max {F2(ratios.Max())})";
    }

    /// <summary>
    /// Throughput, the processor time this process used and what other processes used meanwhile (in cores),
    /// bytes allocated per check, and the share of the time the GC paused every thread.
    /// </summary>
    private sealed record Measurement(double PerSecond, double Cores, double OtherCores, double BytesPerCheck, double GcPause)
    {
        public override string ToString() =>
            $"{PerSecond,9:N0} checks/s (CPU {F2(Cores)} cores, others {F2(OtherCores)}, {BytesPerCheck:N0} B/check, GC pauses {GcPause * 100:F1}%)";
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string F2(double value) => value.ToString("F2", CultureInfo.InvariantCulture);
}
