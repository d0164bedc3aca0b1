namespace TypedFga.Benchmarks.Pipeline;

/// <summary>Sizes of the benchmark, from the command line (<c>--name value</c>); <c>--quick</c> shrinks everything.</summary>
/// <param name="NetworkDelay">
/// Added by the server before it answers each request (<c>--network-ms</c>, default 0): a stand-in for the round trip
/// to an OpenFGA server across a network, which the loopback port does not have.
/// </param>
internal sealed record BenchSettings(int Runs, int BehindCount, int ThroughCount, TimeSpan NetworkDelay)
{
    public static BenchSettings Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        int Int(string name, int full, int small)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length
                ? int.Parse(args[index + 1], System.Globalization.CultureInfo.InvariantCulture)
                : quick ? small : full;
        }

        return new BenchSettings(
            Runs: Int("--runs", 7, 3),
            BehindCount: Int("--behind", 20_000, 3_000),
            ThroughCount: Int("--through", 2_000, 300),
            NetworkDelay: TimeSpan.FromMilliseconds(Int("--network-ms", 0, 0)));
    }
}
