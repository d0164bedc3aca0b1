using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace TypedFga.AnalyzerBench;

/// <summary>
/// <c>--timings</c>: each analyzer's own execution time on the 1,000-call file as Roslyn's analyzer telemetry measures it
/// (the figure the IDE and <c>-p:ReportAnalyzer=true</c> show), median of several runs on fresh compilations.
/// </summary>
internal static class AnalyzerTimings
{
    public static async Task RunAsync(int runs)
    {
        var compilation = BenchmarkInput.CreateCompilation();
        var perAnalyzer = BenchmarkInput.Analyzers.ToDictionary(analyzer => analyzer, _ => new List<double>());
        var totals = new List<double>();
        var diagnostics = new Dictionary<string, int>();
        for (var run = 0; run < runs; run++)
        {
            var withAnalyzers = compilation.Clone().WithAnalyzers(
                BenchmarkInput.Analyzers,
                new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
            var stopwatch = Stopwatch.StartNew();
            var reported = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
            totals.Add(stopwatch.Elapsed.TotalMilliseconds);
            foreach (var analyzer in BenchmarkInput.Analyzers)
            {
                var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
                perAnalyzer[analyzer].Add(telemetry.ExecutionTime.TotalMilliseconds);
            }

            diagnostics = reported.GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.Count());
        }

        Console.WriteLine($"{BenchmarkInput.CallCount} calls, {runs} runs, medians:");
        foreach (var (analyzer, times) in perAnalyzer)
        {
            Console.WriteLine($"  {analyzer.GetType().Name,-42} {Median(times),8:F2} ms");
        }

        Console.WriteLine($"  {"all four (telemetry sum)",-42} {perAnalyzer.Values.Sum(Median),8:F2} ms");
        Console.WriteLine($"  {"binding + analysis, wall clock",-42} {Median(totals),8:F2} ms");
        Console.WriteLine("Diagnostics: " + string.Join(", ", diagnostics.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} x{p.Value}")));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[sorted.Count / 2];
    }
}
