using System.Diagnostics;
using BenchmarkDotNet.Running;
using TypedFga.GeneratorBench;

if (args is ["quick", ..] or ["--quick", ..])
{
    // A quick figure without BenchmarkDotNet's process isolation: median of 21 runs after 5 warm-ups.
    var benchmarks = new GenerationBenchmarks { Types = 100, RelationsPerType = 20 };
    benchmarks.Setup();
    Console.WriteLine($"model: {benchmarks.Types} types x {benchmarks.RelationsPerType} relations");
    Console.WriteLine($"cold generation:             median {Median(() => benchmarks.ColdGeneration()):F2} ms");
    Console.WriteLine($"warm after unrelated edit:   median {Median(() => benchmarks.WarmAfterUnrelatedEdit()):F2} ms");
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(GenerationBenchmarks).Assembly).Run(args);

static double Median(Action action)
{
    for (var i = 0; i < 5; i++)
    {
        action();
    }

    var samples = new double[21];
    for (var i = 0; i < samples.Length; i++)
    {
        var started = Stopwatch.GetTimestamp();
        action();
        samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    Array.Sort(samples);
    return samples[samples.Length / 2];
}
