using System.Globalization;

namespace TypedFga.Bench;

/// <summary>Command-line settings: store sizes, check iterations and where the database lives.</summary>
internal sealed record BenchOptions(IReadOnlyList<int> Sizes, int Iterations, bool InMemory)
{
    public static BenchOptions Parse(string[] args)
    {
        var sizes = new List<int> { 10_000, 100_000, 1_000_000 };
        var iterations = 2_000;
        var inMemory = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--sizes":
                    sizes = args[++i].Split(',').Select(s => int.Parse(s.Replace("_", ""), CultureInfo.InvariantCulture)).ToList();
                    break;
                case "--iterations":
                    iterations = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--in-memory":
                    inMemory = true;
                    break;
                case "--quick":
                    sizes = [10_000, 50_000];
                    iterations = 500;
                    break;
                default:
                    throw new ArgumentException($"unknown option '{args[i]}'. Options: --sizes 10000,1000000 --iterations N --in-memory --quick");
            }
        }

        return new BenchOptions(sizes, iterations, inMemory);
    }
}
