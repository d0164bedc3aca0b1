using System.Globalization;

namespace TypedFga.Bench;

/// <summary>
/// Command-line settings: store sizes, check iterations and where the database lives; with <c>--parallel</c>,
/// the concurrent-callers mode and its rounds, callers and seconds per measurement.
/// </summary>
internal sealed record BenchOptions(
    IReadOnlyList<int> Sizes, int Iterations, bool InMemory, bool FileOnly, bool Parallel, int Callers, int Rounds, double Seconds)
{
    public static BenchOptions Parse(string[] args)
    {
        var sizes = new List<int> { 10_000, 100_000, 1_000_000 };
        var sizesGiven = false;
        var iterations = 2_000;
        var inMemory = false;
        var fileOnly = false;
        var parallel = false;
        var callers = 8;
        var rounds = 7;
        var seconds = 2.0;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--sizes":
                    sizes = args[++i].Split(',').Select(s => int.Parse(s.Replace("_", ""), CultureInfo.InvariantCulture)).ToList();
                    sizesGiven = true;
                    break;
                case "--iterations":
                    iterations = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--in-memory":
                    inMemory = true;
                    break;
                case "--quick":
                    sizes = [10_000, 50_000];
                    sizesGiven = true;
                    iterations = 500;
                    rounds = 3;
                    seconds = 1;
                    break;
                case "--file":
                    fileOnly = true;
                    break;
                case "--parallel":
                    parallel = true;
                    break;
                case "--callers":
                    callers = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--rounds":
                    rounds = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--seconds":
                    seconds = double.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new ArgumentException(
                        $"unknown option '{args[i]}'. Options: --sizes 10000,1000000 --iterations N --in-memory --quick; --parallel --callers 8 --rounds 7 --seconds 2 --file");
            }
        }

        if (parallel && !sizesGiven)
        {
            sizes = [100_000];
        }

        return new BenchOptions(sizes, iterations, inMemory, fileOnly, parallel, callers, rounds, seconds);
    }
}
