using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace TypedFga.AnalyzerBench;

/// <summary>
/// <c>--timings</c>: what the TypedFga analyzers add to the analysis of the 1,000-call file. Each run takes a fresh,
/// fully bound compilation and times the analyzer pass with only <see cref="OperationTreeProbe"/> (the cost every
/// operation analyzer of a build shares) and with the probe plus the four analyzers; the difference is theirs.
/// Roslyn's per-analyzer telemetry is printed too, though it charges lazily built shared state to whichever analyzer
/// runs first.
/// </summary>
internal static class AnalyzerTimings
{
    public static async Task RunAsync(int runs)
    {
        var compilation = BenchmarkInput.CreateCompilation();
        var probe = new OperationTreeProbe();
        ImmutableArray<DiagnosticAnalyzer> probeOnly = [probe];
        ImmutableArray<DiagnosticAnalyzer> all = [probe, .. BenchmarkInput.Analyzers];

        var baseline = new List<double>();
        var withTypedFga = new List<double>();
        var perAnalyzer = BenchmarkInput.Analyzers.ToDictionary(analyzer => analyzer, _ => new List<double>());
        var diagnostics = new Dictionary<string, int>();
        for (var run = 0; run < runs; run++)
        {
            baseline.Add((await AnalyzeAsync(compilation, probeOnly)).Milliseconds);
            var (milliseconds, analyzed, reported) = await AnalyzeAsync(compilation, all);
            withTypedFga.Add(milliseconds);
            foreach (var analyzer in BenchmarkInput.Analyzers)
            {
                var telemetry = await analyzed.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
                perAnalyzer[analyzer].Add(telemetry.ExecutionTime.TotalMilliseconds);
            }

            diagnostics = reported.GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.Count());
        }

        Console.WriteLine($"{BenchmarkInput.CallCount} calls, {runs} runs, medians (analysis of a bound compilation):");
        Console.WriteLine($"  {"shared operation-analysis pass (probe only)",-46} {Median(baseline),8:F2} ms");
        Console.WriteLine($"  {"probe + TypedFga analyzers",-46} {Median(withTypedFga),8:F2} ms");
        Console.WriteLine($"  {"added by the TypedFga analyzers",-46} {Median(withTypedFga) - Median(baseline),8:F2} ms");
        Console.WriteLine("Roslyn telemetry per analyzer:");
        foreach (var (analyzer, times) in perAnalyzer)
        {
            Console.WriteLine($"  {analyzer.GetType().Name,-46} {Median(times),8:F2} ms");
        }

        Console.WriteLine("Diagnostics: " + string.Join(", ", diagnostics.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} x{p.Value}")));
    }

    private static async Task<(double Milliseconds, CompilationWithAnalyzers Analyzed, ImmutableArray<Diagnostic> Reported)> AnalyzeAsync(
        CSharpCompilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var fresh = compilation.Clone();
        _ = fresh.GetDiagnostics(); // Bind everything first: binding is the compiler's cost, not the analyzers'.
        var analyzed = fresh.WithAnalyzers(
            analyzers,
            new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
        var stopwatch = Stopwatch.StartNew();
        var reported = await analyzed.GetAnalyzerDiagnosticsAsync();
        return (stopwatch.Elapsed.TotalMilliseconds, analyzed, reported);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[sorted.Count / 2];
    }
}
