namespace TypedFga.Bench;

internal static class Statistics
{
    public static double Median(IReadOnlyCollection<double> values) => Percentile(values, 0.5);

    public static double Percentile(IReadOnlyCollection<double> values, double fraction)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(fraction * sorted.Length))];
    }
}
