using TypedFga.Outbox;

namespace TypedFga.Benchmarks.Outbox;

/// <summary>Sizes of the benchmark, from the command line (<c>--name value</c>); <c>--quick</c> shrinks everything.</summary>
/// <param name="Durability">The outbox's durability (<c>--durability normal|full</c>); the raw baselines use the matching <c>synchronous</c> pragma.</param>
/// <param name="Only">The one scenario to run (<c>enqueue</c>, <c>group</c>, <c>drain</c>, <c>memory</c>), or null for all.</param>
internal sealed record BenchSettings(int Runs, int EnqueueCount, int DrainCount, int PendingCount, TimeSpan Latency, string Directory, string? Only, OutboxDurability Durability)
{
    /// <summary>Whether the scenario <paramref name="name"/> is selected.</summary>
    public bool Selects(string name) => Only is null || Only == name;

    public static BenchSettings Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        int Int(string name, int full, int small) =>
            Value(name) is { } text ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : quick ? small : full;
        string? Value(string name)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
        }

        return new BenchSettings(
            Runs: Int("--runs", 5, 3),
            EnqueueCount: Int("--enqueue", 20_000, 3_000),
            DrainCount: Int("--drain", 100_000, 10_000),
            PendingCount: Int("--pending", 1_000_000, 100_000),
            Latency: TimeSpan.FromMilliseconds(Int("--latency-ms", 20, 20)),
            Directory: Value("--dir") ?? Path.Combine(Path.GetTempPath(), "typedfga-outbox-bench"),
            Only: Value("--only"),
            Durability: Enum.Parse<OutboxDurability>(Value("--durability") ?? "normal", ignoreCase: true));
    }
}
