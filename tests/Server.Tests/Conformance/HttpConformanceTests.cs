using TypedFga.Embedded;
using TypedFga.Language;
using TypedFga.Server.Tests.Infrastructure;
using TypedFga.Tests;
using TypedFga.Tests.Conformance;
using Xunit.Abstractions;

namespace TypedFga.Server.Tests.Conformance;

/// <summary>
/// Runs OpenFGA's conformance suites in both modes with the same runner: in process against the engine, and
/// over HTTP against the server. Both must pass every assertion; each run prints its counts.
/// </summary>
public sealed class HttpConformanceTests(ServerFixture server, ITestOutputHelper output) : IClassFixture<ServerFixture>
{
    [SharedDataFact]
    public Task Consolidated_suite_passes_every_assertion_over_http() =>
        RunAsync("consolidated (http)", "conformance/consolidated_1_1_tests.yaml", new HttpConformanceTarget(server.Http));

    [SharedDataFact]
    public Task Abac_suite_passes_every_assertion_over_http() =>
        RunAsync("abac (http)", "conformance/abac_tests.yaml", new HttpConformanceTarget(server.Http));

    [SharedDataFact]
    public async Task Consolidated_suite_passes_every_assertion_in_process()
    {
        using var engine = new EmbeddedOpenFga();
        await RunAsync("consolidated (in-process)", "conformance/consolidated_1_1_tests.yaml", new InProcessConformanceTarget(engine));
    }

    [SharedDataFact]
    public async Task Abac_suite_passes_every_assertion_in_process()
    {
        using var engine = new EmbeddedOpenFga();
        await RunAsync("abac (in-process)", "conformance/abac_tests.yaml", new InProcessConformanceTarget(engine));
    }

    [Theory]
    [InlineData("validation_error", 2000)]
    [InlineData("authorization_model_resolution_too_complex", 2002)]
    [InlineData("invalid_tuple", 2027)]
    [InlineData("store_id_not_found", 5002)]
    [InlineData("no_such_code", -1)]
    public void Error_code_names_map_back_to_openfga_numbers(string name, int expected) =>
        Assert.Equal(expected, ConformanceErrorCodes.FromName(name));

    private async Task RunAsync(string suite, string relativePath, IConformanceTarget target)
    {
        var path = SharedData.Locate(relativePath, output);
        if (path is null)
        {
            return;
        }

        server.Traffic.Clear();
        var report = await new ConformanceRunner(target, CompileToJson).RunAsync(suite, ConformanceSuite.Load(path));
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
