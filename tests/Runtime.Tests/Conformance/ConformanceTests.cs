using TypedFga.Embedded;
using TypedFga.Language;
using Xunit.Abstractions;

namespace TypedFga.Tests.Conformance;

/// <summary>
/// Runs OpenFGA's conformance suites against the in-process engine, with models compiled from the DSL by the
/// project's own compiler. Each run prints its counts and every failing assertion.
/// </summary>
public sealed class ConformanceTests(ITestOutputHelper output)
{
    [SharedDataFact]
    public Task Consolidated_suite_passes_every_assertion() => RunAsync("consolidated", "conformance/consolidated_1_1_tests.yaml");

    [SharedDataFact]
    public Task Abac_suite_passes_every_assertion() => RunAsync("abac", "conformance/abac_tests.yaml");

    private async Task RunAsync(string suite, string relativePath)
    {
        var path = SharedData.Locate(relativePath, output);
        if (path is null)
        {
            return;
        }

        using var engine = new EmbeddedOpenFga();
        var runner = new ConformanceRunner(new InProcessConformanceTarget(engine), CompileToJson);
        var report = await runner.RunAsync(suite, ConformanceSuite.Load(path));

        output.WriteLine(report.Summary);
        Console.WriteLine(report.Summary);
        foreach (var failure in report.Failures)
        {
            output.WriteLine("FAILED " + failure);
        }

        Assert.True(report.Check.Total > 0, "the suite has no check assertions");
        Assert.Empty(report.Failures);
    }

    private static string CompileToJson(string dsl)
    {
        var result = FgaCompiler.Compile(dsl);
        if (!result.Success || result.Model is null)
        {
            throw new InvalidOperationException("The conformance model does not compile: " + string.Join("; ", result.Diagnostics.Select(d => d.Message)));
        }

        return ModelJsonWriter.Write(result.Model);
    }
}
