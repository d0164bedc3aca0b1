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
    // The compiler server keeps the generator loaded across builds, so its code is fully jitted after the
    // first few: run enough times for tiered compilation to finish, then measure wall and CPU time.
    SteadyState(() => benchmarks.ColdGeneration(), out var wall, out var cpu);
    Console.WriteLine($"full generation, warm JIT:   median {wall:F2} ms wall, {cpu:F2} ms CPU");
    Console.WriteLine($"warm after unrelated edit:   median {Median(() => benchmarks.WarmAfterUnrelatedEdit()):F2} ms");
    var stages = new GenerationStages(SyntheticModel.Create(100, 20));
    Console.WriteLine($"  parse and validate:        median {Median(() => stages.Compile()):F2} ms");
    Console.WriteLine($"  model JSON:                median {Median(() => stages.WriteJson()):F2} ms");
    Console.WriteLine($"  spec:                      median {Median(() => stages.BuildSpec()):F2} ms");
    Console.WriteLine($"  emit C# text:              median {Median(() => stages.Emit()):F2} ms");
    Console.WriteLine($"  generated C#:              {stages.GeneratedCharacters / 1024} KiB");
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(GenerationBenchmarks).Assembly).Run(args);

static void SteadyState(Action action, out double wallMedian, out double cpuMedian)
{
    for (var i = 0; i < 60; i++)
    {
        action();
    }

    Thread.Sleep(500);
    var wall = new double[21];
    var cpu = new double[21];
    var process = Process.GetCurrentProcess();
    for (var i = 0; i < wall.Length; i++)
    {
        process.Refresh();
        var cpuStart = process.TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        action();
        wall[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        process.Refresh();
        cpu[i] = (process.TotalProcessorTime - cpuStart).TotalMilliseconds;
    }

    Array.Sort(wall);
    Array.Sort(cpu);
    wallMedian = wall[wall.Length / 2];
    cpuMedian = cpu[cpu.Length / 2];
}

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
