using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace TypedFga.AnalyzerBench;

/// <summary>
/// The cost of the TypedFga analyzers on a file of 1,000 calls: binding and compiler diagnostics alone (the baseline)
/// against the same plus the four usage analyzers. The difference is what the analyzers add to a build.
/// </summary>
[MemoryDiagnoser]
public class AnalyzerBenchmarks
{
    private CSharpCompilation _compilation = null!;

    [GlobalSetup]
    public void Setup() => _compilation = BenchmarkInput.CreateCompilation();

    [Benchmark(Baseline = true, Description = "compiler diagnostics only")]
    public int CompilerOnly() => _compilation.Clone().GetDiagnostics().Length;

    [Benchmark(Description = "compiler + TypedFga analyzers")]
    public async Task<int> CompilerAndAnalyzers()
    {
        var diagnostics = await _compilation.Clone()
            .WithAnalyzers(BenchmarkInput.Analyzers, new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), null, concurrentAnalysis: false, logAnalyzerExecutionTime: false))
            .GetAllDiagnosticsAsync();
        return diagnostics.Length;
    }
}
