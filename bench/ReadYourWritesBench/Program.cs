using System.Globalization;
using TypedFga.Benchmarks.ReadYourWrites;

// Read-your-writes checks through the generated typed API on the embedded engine: the cost of pending grants
// that a check sends along or ignores, and the false-denial rate of the issue's scenario (a fresh grant checked
// at once while other callers grant and revoke the same relation on other documents). Medians of several runs;
// the scenarios alternate run by run so that all of them see the same load.
// Usage: dotnet run -c Release --project bench/ReadYourWritesBench -- [--quick] [--runs 7] [--checks 2000] [--tries 300]
var quick = args.Contains("--quick");
int Int(string name, int full, int small)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : quick ? small : full;
}

var runs = Int("--runs", 7, 3);
var checks = Int("--checks", 2_000, 300);
var tries = Int("--tries", 300, 100);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Read-your-writes benchmark: runs={runs} checks={checks} tries={tries}, {Environment.ProcessorCount} cores"));

var none = new List<double>();
var relevant = new List<double>();
var unrelated = new List<double>();
await using (var rig = await CheckRig.StartAsync(automaticFlushes: false))
{
    await Scenarios.CheckWithPendingAsync(rig, PendingKind.Relevant, checks, -1);
    for (var run = 0; run < runs; run++)
    {
        none.Add(await Scenarios.CheckWithPendingAsync(rig, PendingKind.None, checks, run));
        relevant.Add(await Scenarios.CheckWithPendingAsync(rig, PendingKind.Relevant, checks, run));
        unrelated.Add(await Scenarios.CheckWithPendingAsync(rig, PendingKind.Unrelated, checks, run));
    }
}

var baseline = Scenarios.Median(none);
Report("typed check, nothing pending", baseline, "");
Report("typed check, 10 relevant pending grants", Scenarios.Median(relevant), Ratio(Scenarios.Median(relevant), baseline));
Report("typed check, 10 pending grants on other documents", Scenarios.Median(unrelated), Ratio(Scenarios.Median(unrelated), baseline));

var denied = new List<int>();
var quietTimes = new List<double>();
var busyTimes = new List<double>();
await using (var rig = await CheckRig.StartAsync(automaticFlushes: true))
{
    for (var run = 0; run < runs; run++)
    {
        var quiet = await Scenarios.FreshGrantUnderTrafficAsync(rig, tries, hammers: 0, run);
        var busy = await Scenarios.FreshGrantUnderTrafficAsync(rig, tries, hammers: 3, run);
        if (quiet.Denied != 0)
        {
            throw new InvalidOperationException($"Without traffic {quiet.Denied} of {tries} fresh grants were denied.");
        }

        denied.Add(busy.Denied);
        quietTimes.Add(quiet.MedianMicroseconds);
        busyTimes.Add(busy.MedianMicroseconds);
    }
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{"fresh grant checked at once, 3 callers revoking elsewhere",-58} denied {denied.Sum()} of {tries * runs} (target 0) {(denied.Sum() == 0 ? "OK" : "MISSED")}"));
Report("  check time without the other callers", Scenarios.Median(quietTimes), "");
Report("  check time with 3 callers revoking elsewhere", Scenarios.Median(busyTimes), Ratio(Scenarios.Median(busyTimes), Scenarios.Median(quietTimes)));

static string Ratio(double value, double baseline) => string.Create(CultureInfo.InvariantCulture, $"{value / baseline,6:F2}x");

static void Report(string name, double microseconds, string ratio) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-58} {microseconds,9:F1} us  {ratio}"));
