using System.Globalization;
using Xunit.Abstractions;

namespace TypedFga.Pipeline.Tests.ReadYourWrites;

/// <summary>
/// Model-based randomized test of read-your-writes: concurrent callers grant, revoke, check and flush, and every check
/// is judged by an independent reference evaluator under the snapshot rule (a check reflects every write acknowledged
/// before it began; writes that overlap it may or may not show). No check may deny what the acknowledged writes
/// allow, nor allow what they deny, whatever unrelated traffic runs beside it; at every quiescent point the reference,
/// the engine and the client agree on every check, and the engine holds exactly what the last writes left.
/// </summary>
/// <remarks>
/// <c>TYPEDFGA_RYW_OPS=&lt;n&gt;</c> makes each run <c>n</c> operations (default 6,000 per model, 3,000 with the cache);
/// <c>TYPEDFGA_RYW_SEED=&lt;n&gt;</c> replays a seed (the interleavings of the concurrent callers still differ from run to
/// run; the seed fixes the settings and each caller's choices).
/// </remarks>
public sealed class RandomizedReadYourWritesTests(ITestOutputHelper output)
{
    // A check overlapped by too many writes cannot be judged; a handful is fine, many would leave the test blind.
    private const double MaxUnverifiableShare = 0.02;

    [Theory]
    [InlineData("sample")]
    [InlineData("chains")]
    [InlineData("nested")]
    [InlineData("logic")]
    [InlineData("conditions")]
    public Task Every_check_reflects_the_writes_acknowledged_before_it(string model) => RunAsync(model, cache: false, defaultOperations: 6_000);

    [Theory]
    [InlineData("sample")]
    [InlineData("chains")]
    [InlineData("nested")]
    [InlineData("logic")]
    public Task With_the_check_cache_on_every_check_reflects_the_writes_acknowledged_before_it(string model) =>
        RunAsync(model, cache: true, defaultOperations: 3_000);

    // The control: with every write sent straight through, each check asks the engine, which holds every acknowledged
    // write. The run must pass, or the harness (the reference, the snapshot rule, the bookkeeping) is wrong.
    [Theory]
    [InlineData("sample")]
    [InlineData("chains")]
    [InlineData("nested")]
    [InlineData("logic")]
    [InlineData("conditions")]
    public Task With_write_behind_off_the_harness_finds_nothing(string model) =>
        RunAsync(model, cache: false, defaultOperations: 1_200, writeBehind: false);

    private async Task RunAsync(string model, bool cache, int defaultOperations, bool writeBehind = true)
    {
        var seed = EnvironmentNumber("TYPEDFGA_RYW_SEED") ?? StableSeed(model, cache);
        var operations = EnvironmentNumber("TYPEDFGA_RYW_OPS") ?? defaultOperations;
        var universe = ModelUniverse.Named(model);
        var run = new ReadYourWritesRun(universe, seed, cache, writeBehind);

        var report = await run.ExecuteAsync(operations);

        var summary =
            $"{model} model, seed {seed} (TYPEDFGA_RYW_SEED={seed}), {run.Settings}: {report.Operations} operations by {ReadYourWritesRun.Callers} callers " +
            $"({report.Grants} grants, {report.Revokes} revokes, {report.Checks} checks, {report.Lists} list queries answering {report.ListedAnswers} checks, {report.Flushes} flushes, {report.Expiries} cache expiries) " +
            $"over {universe.Slots.Count} tuples and {universe.Checks.Count} distinct checks; " +
            $"{report.Verified} checks verified, {report.FalseDenials} false denials, {report.StaleAllows} stale allows, {report.Unverifiable} unverifiable" +
            (cache ? $", {report.CachedAnswers} answered from the cache" : "") +
            $"; {report.Quiescences} quiescent points with {report.QuiescentChecks} checks compared with the engine, {report.Disagreements.Count} disagreements.";
        if (report.ViolationsByPath.Count > 0)
        {
            summary += " Violations: " + string.Join("; ", report.ViolationsByPath.Select(pair => $"{pair.Value} {pair.Key}")) + ".";
        }

        output.WriteLine(summary);
        foreach (var line in Examples(report, 10))
        {
            output.WriteLine(line);
        }

        Assert.True(
            report.FalseDenials == 0 && report.StaleAllows == 0 && report.Disagreements.Count == 0,
            summary + Environment.NewLine + string.Join(Environment.NewLine, Examples(report, 3)));
        Assert.True(
            report.Unverifiable <= MaxUnverifiableShare * (report.Checks + report.ListedAnswers),
            $"{report.Unverifiable} of {report.Checks + report.ListedAnswers} checks overlapped too many writes to be judged: the test proves too little. {summary}");
        Assert.True(report.Verified > 0 && report.Grants > 0 && report.Revokes > 0, $"The run made no verified check, grant or revoke. {summary}");
        Assert.True(report.Lists > 0, $"The run made no list query. {summary}");
        if (cache && model != "conditions")
        {
            Assert.True(report.CachedAnswers > 0, $"No check was answered from the cache: the cached variant proves nothing. {summary}");
        }
    }

    // A few of each kind, so that a rare kind is not hidden behind a frequent one.
    private static IEnumerable<string> Examples(RunReport report, int each) =>
        report.Violations.Where(v => v.StartsWith("stale", StringComparison.Ordinal)).Take(each)
            .Concat(report.Violations.Where(v => v.StartsWith("false", StringComparison.Ordinal)).Take(each))
            .Concat(report.Disagreements.Take(each));

    private static int? EnvironmentNumber(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;

    // A fixed seed per test case, the same in every process.
    private static int StableSeed(string model, bool cache) => model.Aggregate(cache ? 7 : 1, (hash, c) => (hash * 31) + c) & 0x7fffffff;
}
