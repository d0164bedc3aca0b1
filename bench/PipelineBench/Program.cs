using System.Globalization;
using TypedFga.Benchmarks.Pipeline;

// Write-behind against write-through, both through FgaClient as an application calls it, against the
// repository's OpenFGA-compatible server on a loopback port. Each figure is the median of several runs; the two
// scenarios alternate so that both see the same load on a shared machine.
// Usage: dotnet run -c Release --project bench/PipelineBench -- [--quick] [--runs 7] [--behind 20000] [--through 2000]
//        [--network-ms 0]
var settings = BenchSettings.Parse(args);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Pipeline benchmark: runs={settings.Runs} write-behind={settings.BehindCount} write-through={settings.ThroughCount} network={settings.NetworkDelay.TotalMilliseconds} ms, {Environment.ProcessorCount} cores"));

await using var rig = await BenchRig.StartAsync(settings.NetworkDelay);
await Scenarios.WarmUpAsync(rig);

var behind = new List<double>();
var through = new List<double>();
var append = new List<double>();
for (var run = 0; run < settings.Runs; run++)
{
    append.Add(await Scenarios.OutboxAppendAsync(rig, settings.BehindCount, run));
    behind.Add(await Scenarios.GrantWriteBehindAsync(rig, settings.BehindCount, run));
    through.Add(await Scenarios.GrantWriteThroughAsync(rig, settings.ThroughCount, run));
}

const int Callers = 16;
var behindConcurrent = new List<double>();
var throughConcurrent = new List<double>();
for (var run = 0; run < settings.Runs; run++)
{
    behindConcurrent.Add(await Scenarios.ConcurrentAsync(rig, settings.BehindCount, Callers, writeBehind: true, run));
    throughConcurrent.Add(await Scenarios.ConcurrentAsync(rig, settings.ThroughCount * 4, Callers, writeBehind: false, run));
}

var behindMedian = Scenarios.Median(behind);
var throughMedian = Scenarios.Median(through);
var ratio = behindMedian / throughMedian;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{"GrantAsync write-behind (enqueue), 1 caller",-52} {behindMedian,10:N0} ops/s  {1e6 / behindMedian,8:F1} us/op"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{"GrantAsync write-through (GrantNow, HTTP), 1 caller",-52} {throughMedian,10:N0} ops/s  {1e6 / throughMedian,8:F1} us/op"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{"ratio write-behind / write-through",-52} {ratio,10:F1}  (target >= 50) {(ratio >= 50 ? "OK" : "MISSED")}"));
Report("reference: OutboxStore.GrantAsync alone, 1 caller", Scenarios.Median(append));
Report($"GrantAsync write-behind, {Callers} concurrent callers", Scenarios.Median(behindConcurrent));
Report($"GrantAsync write-through, {Callers} concurrent callers", Scenarios.Median(throughConcurrent));
var concurrentRatio = Scenarios.Median(behindConcurrent) / Scenarios.Median(throughConcurrent);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{"ratio write-behind / write-through, concurrent",-52} {concurrentRatio,10:F1}  (target >= 50) {(concurrentRatio >= 50 ? "OK" : "MISSED")}"));
var tuples = await rig.CountTuplesAsync();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{"tuples on the server after the flushes",-52} {tuples,10:N0}"));

static void Report(string name, double rate) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-52} {rate,10:N0} ops/s  {1e6 / rate,8:F1} us/op"));
