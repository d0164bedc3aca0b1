using BenchmarkDotNet.Running;
using TypedFga.AnalyzerBench;

// dotnet run -c Release --project bench/AnalyzerBench -- --timings      per-analyzer telemetry (quick)
// dotnet run -c Release --project bench/AnalyzerBench -- --filter '*'   BenchmarkDotNet: compiler alone vs compiler + analyzers
if (args is ["--timings", ..])
{
    await AnalyzerTimings.RunAsync(runs: args.Length > 1 && int.TryParse(args[1], out var runs) ? runs : 15);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(AnalyzerBenchmarks).Assembly).Run(args);
