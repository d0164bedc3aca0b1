using System.Globalization;

namespace TypedFga.Embedded.Authorization.Conditions;

/// <summary>Parses durations in Go's <c>time.ParseDuration</c> syntax (<c>1h30m</c>, <c>1.5h</c>, <c>300ms</c>, <c>-2s</c>), as OpenFGA accepts them.</summary>
internal static class GoDuration
{
    private static readonly (string Unit, double Ticks)[] Units =
    [
        ("ns", 0.01), ("us", 10), ("µs", 10), ("μs", 10), ("ms", TimeSpan.TicksPerMillisecond),
        ("s", TimeSpan.TicksPerSecond), ("m", TimeSpan.TicksPerMinute), ("h", TimeSpan.TicksPerHour),
    ];

    public static TimeSpan Parse(string text)
    {
        var position = 0;
        var negative = false;
        if (position < text.Length && (text[position] == '-' || text[position] == '+'))
        {
            negative = text[position] == '-';
            position++;
        }

        if (text[position..] == "0")
        {
            return TimeSpan.Zero;
        }

        if (position >= text.Length)
        {
            throw Invalid(text);
        }

        double ticks = 0;
        while (position < text.Length)
        {
            var start = position;
            while (position < text.Length && (char.IsAsciiDigit(text[position]) || text[position] == '.'))
            {
                position++;
            }

            if (start == position
                || !double.TryParse(text.AsSpan(start, position - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                throw Invalid(text);
            }

            var unit = Units.Where(u => text.AsSpan(position).StartsWith(u.Unit, StringComparison.Ordinal))
                .OrderByDescending(u => u.Unit.Length)
                .Select(u => ((string Unit, double Ticks)?)u)
                .FirstOrDefault() ?? throw Invalid(text);
            position += unit.Unit.Length;
            ticks += amount * unit.Ticks;
        }

        if (ticks > TimeSpan.MaxValue.Ticks)
        {
            throw Invalid(text);
        }

        var span = TimeSpan.FromTicks((long)ticks);
        return negative ? -span : span;
    }

    private static FormatException Invalid(string text) => new($"expected a valid duration string, but found: '{text}'");
}
