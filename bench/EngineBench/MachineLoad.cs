using System.Globalization;

namespace TypedFga.Bench;

/// <summary>
/// How busy the whole machine's processors are, from <c>/proc/stat</c> (Linux; elsewhere nothing is known), so
/// that a measurement can say how much processor time other processes took while it ran.
/// </summary>
internal readonly record struct MachineLoad(long Busy, long Total)
{
    public static MachineLoad Read()
    {
        if (!File.Exists("/proc/stat"))
        {
            return default;
        }

        // cpu  user nice system idle iowait irq softirq steal ...
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Take(8).Sum();
        return new MachineLoad(total - fields[3] - fields[4], total);
    }

    /// <summary>Processors busy on average since <paramref name="earlier"/>, in cores; NaN when unknown.</summary>
    public double CoresBusySince(MachineLoad earlier) =>
        Total == earlier.Total ? double.NaN : (Busy - earlier.Busy) / (double)(Total - earlier.Total) * Environment.ProcessorCount;
}
