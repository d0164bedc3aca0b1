using System.Globalization;
using BenchmarkDotNet.Running;
using TypedFga.Benchmarks.Checks;

// The check cache through the typed API against a ConcurrentDictionary lookup, and an uncached check through the
// client against the backend's own. Without arguments: BenchmarkDotNet (pass its options, e.g. --filter *Hit*).
// With --quick: a Stopwatch loop in this process, the scenarios of each pair interleaved run by run, medians.
// Usage: dotnet run -c Release --project bench/CheckBench -- [--quick] [--runs 15]
if (args.Contains("--quick") || args.Contains("quick"))
{
    var runs = args.SkipWhile(a => a != "--runs").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(15);
    await QuickAsync(runs);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(CachedHitBenchmarks).Assembly).Run(args);

static async Task QuickAsync(int runs)
{
    Console.WriteLine($"Check benchmark (quick): {runs} interleaved runs, {Environment.ProcessorCount} cores, load {Load()}");
    var hits = new CachedHitBenchmarks();
    hits.Setup();
    Pair("cached hit, typed API vs ConcurrentDictionary", runs, 2_000_000, hits.ConcurrentDictionaryHit, hits.TypedApiHit, 1.3);
    Pair("cached hit, untyped client vs ConcurrentDictionary", runs, 2_000_000, hits.ConcurrentDictionaryHit, hits.UntypedClientHit, null);
    Pair("cached hit cycling 10,000 ids, typed vs dictionary", runs, 2_000_000, hits.ConcurrentDictionaryHitCycling, hits.TypedApiHitCycling, null);
    hits.Cleanup();

    var uncached = new UncachedCheckBenchmarks();
    uncached.Setup();
    Pair("uncached check, typed API vs backend", runs, 20_000, uncached.BackendCheck, uncached.TypedApiCheck, 1.05);
    Pair("uncached check, untyped client vs backend", runs, 20_000, uncached.BackendCheck, uncached.UntypedClientCheck, null);
    uncached.Cleanup();
    Console.WriteLine($"load after: {Load()}");
    await Task.CompletedTask;
}

static void Pair(string name, int runs, int operations, Func<bool> baseline, Func<bool> measured, double? target)
{
    Func<bool> empty = static () => true;
    Measure(baseline, operations / 10);
    Measure(measured, operations / 10);
    var baselineNs = new List<double>();
    var measuredNs = new List<double>();
    var ratios = new List<double>();
    long bytes = 0;
    for (var run = 0; run < runs; run++)
    {
        // The loop and delegate call are measured and taken off both, as BenchmarkDotNet does; which scenario goes
        // first alternates, so that neither always runs after the other's garbage.
        var overhead = Measure(empty, operations).Nanoseconds;
        (double Nanoseconds, long BytesPerOperation) b, m;
        if (run % 2 == 0)
        {
            b = Measure(baseline, operations);
            m = Measure(measured, operations);
        }
        else
        {
            m = Measure(measured, operations);
            b = Measure(baseline, operations);
        }

        baselineNs.Add(b.Nanoseconds - overhead);
        measuredNs.Add(m.Nanoseconds - overhead);
        ratios.Add((m.Nanoseconds - overhead) / (b.Nanoseconds - overhead));
        bytes = Math.Max(bytes, m.BytesPerOperation);
    }

    var verdict = target is { } limit ? (Median(ratios) <= limit ? $"(target <= {limit}) OK" : $"(target <= {limit}) MISSED") : string.Empty;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-54} {Median(baselineNs),9:F1} ns  {Median(measuredNs),9:F1} ns  ratio {Median(ratios),5:F2} (runs {ratios.Min():F2}-{ratios.Max():F2}) {verdict}  {bytes} B/op"));
}

// Timed by the thread's CPU time, which leaves out the time the thread waits for a core (other builds on a shared
// machine), and which stays close to the wall-clock time on an idle one.
static (double Nanoseconds, long BytesPerOperation) Measure(Func<bool> operation, int count)
{
    var allowed = 0;
    var bytes = GC.GetAllocatedBytesForCurrentThread();
    var started = ThreadCpu.Nanoseconds();
    for (var i = 0; i < count; i++)
    {
        allowed += operation() ? 1 : 0;
    }

    var elapsed = ThreadCpu.Nanoseconds() - started;
    bytes = GC.GetAllocatedBytesForCurrentThread() - bytes;
    GC.KeepAlive(allowed);
    return ((double)elapsed / count, bytes / count);
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
