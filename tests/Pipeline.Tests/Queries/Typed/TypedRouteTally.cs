namespace TypedFga.Pipeline.Tests.Queries.Typed;

/// <summary>How many list assertions of one kind went through the generated API, and why the others could not.</summary>
internal sealed class TypedRouteTally
{
    private readonly Dictionary<string, int> _fallbacks = new(StringComparer.Ordinal);

    public int Typed { get; private set; }

    public int FellBack => _fallbacks.Values.Sum();

    public int Total => Typed + FellBack;

    public IReadOnlyDictionary<string, int> FallbacksByReason => _fallbacks;

    public void CountTyped() => Typed++;

    public void CountFallback(string reason) => _fallbacks[reason] = _fallbacks.GetValueOrDefault(reason) + 1;

    public override string ToString() =>
        $"{Typed}/{Total} typed" + (FellBack == 0 ? "" : "; fell back: " + string.Join(", ", _fallbacks.OrderByDescending(p => p.Value).Select(p => $"{p.Value} {p.Key}")));
}
