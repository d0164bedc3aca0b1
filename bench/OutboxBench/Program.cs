using System.Diagnostics;
using System.Globalization;
using TypedFga.Benchmarks.Outbox;

// Ratios of the outbox against baselines measured in the same run; each figure is the median of several runs.
// Usage: dotnet run -c Release --project bench/OutboxBench -- [--quick] [--runs 5] [--enqueue 20000]
//        [--drain 100000] [--pending 1000000] [--latency-ms 20] [--dir /tmp/x] [--only enqueue|group|drain|memory]
//        [--durability normal|full]
var settings = BenchSettings.Parse(args);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Outbox benchmark: runs={settings.Runs} enqueue={settings.EnqueueCount} drain={settings.DrainCount} pending={settings.PendingCount} latency={settings.Latency.TotalMilliseconds} ms durability={settings.Durability}, {Environment.ProcessorCount} cores"));

await Scenarios.WarmUpAsync(settings);

if (settings.Selects("enqueue"))
{
    var singleCpu = new List<double>();
    var rawCpu = new List<double>();
    var (single, raw) = await Scenarios.MedianPairAsync(
        settings.Runs,
        () => Scenarios.WithCpuAsync(singleCpu, settings.EnqueueCount, () => Scenarios.EnqueueOneCallerAsync(settings)),
        () => Scenarios.WithCpuAsync(rawCpu, settings.EnqueueCount, () => Task.FromResult(Scenarios.RawInsert(settings))));
    Report("enqueue, 1 caller vs raw insert+commit", single, raw, "ops/s", 0.8);
    ReportCpu(singleCpu, rawCpu);
}

if (settings.Selects("group"))
{
    var eightCpu = new List<double>();
    var oneCpu = new List<double>();
    var (eight, one) = await Scenarios.MedianPairAsync(
        settings.Runs,
        () => Scenarios.WithCpuAsync(eightCpu, settings.EnqueueCount, () => Scenarios.EnqueueConcurrentAsync(settings, 8)),
        () => Scenarios.WithCpuAsync(oneCpu, settings.EnqueueCount, () => Scenarios.EnqueueOneCallerAsync(settings)));
    Report("enqueue, 8 callers vs 1 caller", eight, one, "ops/s", 3.0);
    ReportCpu(eightCpu, oneCpu);

    // What group commit itself gives on this machine for this table, with no outbox logic around it.
    var rawEightCpu = new List<double>();
    var rawOneCpu = new List<double>();
    var (rawEight, rawOne) = await Scenarios.MedianPairAsync(
        settings.Runs,
        () => Scenarios.WithCpuAsync(rawEightCpu, settings.EnqueueCount, () => Scenarios.RawGroupCommitAsync(settings, 8)),
        () => Scenarios.WithCpuAsync(rawOneCpu, settings.EnqueueCount, () => Task.FromResult(Scenarios.RawInsert(settings))));
    Report("reference: raw group commit, 8 callers vs 1", rawEight, rawOne, "ops/s", 3.0);
    ReportCpu(rawEightCpu, rawOneCpu);
}

if (settings.Selects("drain"))
{
    var drainCpu = new List<double>();
    var rawDrainCpu = new List<double>();
    var (drain, rawDrain) = await Scenarios.MedianPairAsync(
        settings.Runs,
        () => Scenarios.DrainAsync(settings, drainCpu),
        () => Scenarios.WithCpuAsync(rawDrainCpu, settings.DrainCount, () => Scenarios.RawDrainAsync(settings)));
    Report("drain vs raw 100-tuple writes, 10 parallel", drain, rawDrain, "ops/s", 0.9);
    ReportCpu(drainCpu, rawDrainCpu);
}

if (settings.Selects("memory"))
{
    var memory = await Scenarios.PendingMemoryAsync(settings);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{"memory added by pending operations",-48} managed {memory.ManagedBytes / 1048576.0,7:F1} MB, working set {memory.WorkingSetBytes / 1048576.0,7:F1} MB for {settings.PendingCount:N0} ops (target < 50 MB) {(Math.Max(memory.ManagedBytes, memory.WorkingSetBytes) < 50L * 1048576 ? "OK" : "MISSED")}"));
}

static double Median(List<double> values)
{
    values.Sort();
    return values[values.Count / 2];
}

static void ReportCpu(List<double> measured, List<double> baseline) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{"  process CPU per operation (load-independent)",-48} {Median(measured),9:F1} us vs {Median(baseline),9:F1} us  ratio {Median(baseline) / Median(measured),5:F2}"));

static void Report(string name, double measured, double baseline, string unit, double target)
{
    var ratio = measured / baseline;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-48} {measured,12:N0} vs {baseline,12:N0} {unit}  ratio {ratio,5:F2} (target >= {target:F1}) {(ratio >= target ? "OK" : "MISSED")}"));
}

internal static class Scenarios
{
    /// <summary>
    /// Runs the measured scenario and its baseline alternately, so that both see the same load on a shared
    /// machine, and returns the median of each.
    /// </summary>
    public static async Task<(double Measured, double Baseline)> MedianPairAsync(int runs, Func<Task<double>> measured, Func<Task<double>> baseline)
    {
        var a = new List<double>();
        var b = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            a.Add(await measured());
            b.Add(await baseline());
        }

        a.Sort();
        b.Sort();
        return (a[a.Count / 2], b[b.Count / 2]);
    }

    /// <summary>Runs <paramref name="run"/> and records the process CPU time it used per operation, in microseconds.</summary>
    public static async Task<double> WithCpuAsync(List<double> cpuPerOperation, int operations, Func<Task<double>> run)
    {
        using var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        var result = await run();
        process.Refresh();
        cpuPerOperation.Add((process.TotalProcessorTime - before).TotalMicroseconds / operations);
        return result;
    }

    public static async Task WarmUpAsync(BenchSettings settings)
    {
        var quick = settings with { EnqueueCount = 2000, DrainCount = 2000 };
        await EnqueueOneCallerAsync(quick);
        RawInsert(quick);
        await EnqueueConcurrentAsync(quick, 8);
        await DrainAsync(quick);
        await RawDrainAsync(quick);
    }

    public static Task<double> EnqueueOneCallerAsync(BenchSettings settings) => EnqueueConcurrentAsync(settings, 1);

    public static async Task<double> EnqueueConcurrentAsync(BenchSettings settings, int callers)
    {
        var path = Workload.FreshPath(settings, "enqueue");
        try
        {
            using var store = Workload.OpenStore(path, settings.Durability);
            await store.GetPendingCountAsync();
            return await Workload.EnqueuePerSecondAsync(store, settings.EnqueueCount, callers);
        }
        finally
        {
            Workload.Delete(path);
        }
    }

    public static async Task<double> RawGroupCommitAsync(BenchSettings settings, int callers)
    {
        var path = Workload.FreshPath(settings, "rawgroup");
        try
        {
            return await RawSqliteBaseline.GroupCommitPerSecond(path, settings.EnqueueCount, callers, settings.Durability);
        }
        finally
        {
            Workload.Delete(path);
        }
    }

    public static double RawInsert(BenchSettings settings)
    {
        var path = Workload.FreshPath(settings, "raw");
        try
        {
            return RawSqliteBaseline.InsertPerSecond(path, settings.EnqueueCount, settings.Durability);
        }
        finally
        {
            Workload.Delete(path);
        }
    }

    /// <summary>Flushes <c>DrainCount</c> pending operations (enqueued beforehand, not timed); returns operations per second.</summary>
    public static async Task<double> DrainAsync(BenchSettings settings, List<double>? cpuPerOperation = null)
    {
        var path = Workload.FreshPath(settings, "drain");
        try
        {
            using var store = Workload.OpenStore(path, settings.Durability);
            await Workload.EnqueuePerSecondAsync(store, settings.DrainCount, 8);
            var backend = new LatencyBackend(settings.Latency);
            var flusher = Workload.CreateFlusher(store, backend);
            using var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var result = await flusher.FlushAsync();
            var elapsed = watch.Elapsed;
            process.Refresh();
            cpuPerOperation?.Add((process.TotalProcessorTime - cpuBefore).TotalMicroseconds / settings.DrainCount);
            if (result.Writes != settings.DrainCount || backend.Tuples != settings.DrainCount)
            {
                throw new InvalidOperationException($"The flush wrote {result.Writes} of {settings.DrainCount} operations.");
            }

            return settings.DrainCount / elapsed.TotalSeconds;
        }
        finally
        {
            Workload.Delete(path);
        }
    }

    /// <summary>The same tuples sent as full 100-tuple writes, 10 at a time, straight from memory.</summary>
    public static async Task<double> RawDrainAsync(BenchSettings settings)
    {
        var backend = new LatencyBackend(settings.Latency);
        var chunks = Enumerable.Range(0, settings.DrainCount).Select(Workload.Tuple).Chunk(100).ToList();
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = 10 }, async (chunk, ct) =>
            await backend.WriteAsync(Workload.Connection, chunk, [], TypedFga.Backends.WriteConflictOptions.Idempotent, ct));
        return settings.DrainCount / watch.Elapsed.TotalSeconds;
    }

    /// <summary>Memory the process gains while <c>PendingCount</c> operations wait in an open outbox.</summary>
    public static async Task<(long ManagedBytes, long WorkingSetBytes)> PendingMemoryAsync(BenchSettings settings)
    {
        var path = Workload.FreshPath(settings, "pending");
        try
        {
            var managedBefore = GC.GetTotalMemory(forceFullCollection: true);
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            var workingSetBefore = process.WorkingSet64;
            using var store = Workload.OpenStore(path, settings.Durability);
            await Workload.EnqueuePerSecondAsync(store, settings.PendingCount, 16);
            var count = await store.GetPendingCountAsync();
            if (count.Total != settings.PendingCount)
            {
                throw new InvalidOperationException($"{count.Total} pending instead of {settings.PendingCount}.");
            }

            var managedAfter = GC.GetTotalMemory(forceFullCollection: true);
            process.Refresh();
            return (managedAfter - managedBefore, process.WorkingSet64 - workingSetBefore);
        }
        finally
        {
            Workload.Delete(path);
        }
    }
}
