using TypedFga.Language;
using TypedFga.Pipeline.Tests.Infrastructure;
using TypedFga.Pipeline.Tests.Queries.Typed;
using TypedFga.Tests;
using TypedFga.Tests.Conformance;
using Xunit.Abstractions;

namespace TypedFga.Pipeline.Tests.Queries;

/// <summary>
/// OpenFGA's conformance suites answered through the runtime's client while every tuple is still pending in the
/// write-behind outbox: checks, list-objects and list-users must all pass as they do against stored tuples, on the
/// embedded engine and over HTTP against the repository's server. The typed run asks the list assertions through the
/// client generated from each stage's model instead, as an application would.
/// </summary>
public sealed class WriteBehindConformanceTests(FgaServerFixture server, ITestOutputHelper output) : IClassFixture<FgaServerFixture>
{
    [SharedDataTheory]
    [InlineData("consolidated", "conformance/consolidated_1_1_tests.yaml", false)]
    [InlineData("consolidated", "conformance/consolidated_1_1_tests.yaml", true)]
    [InlineData("abac", "conformance/abac_tests.yaml", false)]
    [InlineData("abac", "conformance/abac_tests.yaml", true)]
    public async Task Every_assertion_passes_with_the_tuples_still_pending(string suite, string relativePath, bool overHttp)
    {
        var path = SharedData.Locate(relativePath, output);
        if (path is null)
        {
            return;
        }

        await using var target = new WriteBehindConformanceTarget(overHttp ? server : null);
        var name = $"{suite} with pending writes ({(overHttp ? "http" : "embedded")})";
        var report = await new ConformanceRunner(target, CompileToJson).RunAsync(name, ConformanceSuite.Load(path));

        output.WriteLine(report.Summary + $"; {target.PendingWhenAsked} pending operations summed over the assertions");
        foreach (var failure in report.Failures)
        {
            output.WriteLine("FAILED " + failure);
        }

        Assert.True(report.ListObjects.Total > 0 && report.ListUsers.Total > 0, "the suite has no list assertions");
        Assert.True(target.PendingWhenAsked > 0, "No assertion ran while tuples were pending: the test proves nothing about write-behind.");
        Assert.True(report.Failures.Count == 0, report.Summary + Environment.NewLine + string.Join(Environment.NewLine, report.Failures.Take(20)));
    }

    [SharedDataTheory]
    [InlineData("consolidated", "conformance/consolidated_1_1_tests.yaml", false)]
    [InlineData("consolidated", "conformance/consolidated_1_1_tests.yaml", true)]
    [InlineData("abac", "conformance/abac_tests.yaml", false)]
    [InlineData("abac", "conformance/abac_tests.yaml", true)]
    public async Task Every_list_assertion_passes_through_the_generated_client_with_the_tuples_still_pending(string suite, string relativePath, bool overHttp)
    {
        var path = SharedData.Locate(relativePath, output);
        if (path is null)
        {
            return;
        }

        var tests = ConformanceSuite.Load(path);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        GeneratedClientCompiler.Prepare(tests.SelectMany(test => test.Stages).Select(stage => stage.Model));
        var compiling = clock.Elapsed;

        var typed = new TypedQueryDriver();
        await using var target = new WriteBehindConformanceTarget(overHttp ? server : null, typed);
        var name = $"{suite} typed, with pending writes ({(overHttp ? "http" : "embedded")})";
        var report = await new ConformanceRunner(target, typed.RememberingModelText(CompileToJson)).RunAsync(name, tests);

        output.WriteLine(report.Summary + $"; {target.PendingWhenAsked} pending operations summed over the assertions");
        output.WriteLine($"list-objects: {typed.ListObjects}");
        output.WriteLine($"list-users: {typed.ListUsers}");
        output.WriteLine($"generated clients: {compiling.TotalSeconds:0.0}s for this suite ({GeneratedClientCompiler.Statistics}); queries {(clock.Elapsed - compiling).TotalSeconds:0.0}s");
        foreach (var failure in typed.ModelFailures)
        {
            output.WriteLine("NO TYPED CLIENT " + failure);
        }

        foreach (var failure in report.Failures)
        {
            output.WriteLine("FAILED " + failure);
        }

        var lists = typed.ListObjects.Total + typed.ListUsers.Total;
        var throughTypedApi = typed.ListObjects.Typed + typed.ListUsers.Typed;
        Assert.True(lists > 0, "the suite has no list assertions");
        // The rest are refused on purpose: models without the type, relation or kind asked for, and kinds the relation
        // can never hold (Users<TKind> does not compile; OpenFGA answers them with no users).
        Assert.True(throughTypedApi >= 0.95 * lists, $"Only {throughTypedApi} of {lists} list assertions went through the generated client.");
        Assert.True(target.PendingWhenAsked > 0, "No assertion ran while tuples were pending: the test proves nothing about write-behind.");
        Assert.True(report.Failures.Count == 0, report.Summary + Environment.NewLine + string.Join(Environment.NewLine, report.Failures.Take(20)));
    }

    internal static string CompileToJson(string dsl)
    {
        var result = FgaCompiler.Compile(dsl);
        if (!result.Success || result.Model is null)
        {
            throw new InvalidOperationException("The conformance model does not compile: " + string.Join("; ", result.Diagnostics.Select(d => d.Message)));
        }

        return ModelJsonWriter.Write(result.Model);
    }
}
