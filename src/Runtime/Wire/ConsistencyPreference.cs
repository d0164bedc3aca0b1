namespace TypedFga.Wire;

/// <summary>
/// The names of OpenFGA's <c>ConsistencyPreference</c> values, as the <c>consistency</c> field of a query carries
/// them. The contracts hold enum fields as their names, the form OpenFGA writes; an HTTP layer that also accepts
/// the numbers (100, 200) turns them into these names before the engine sees them.
/// </summary>
internal static class ConsistencyPreference
{
    /// <summary>The server's default, answered as <see cref="MinimizeLatency"/>.</summary>
    public const string Unspecified = "UNSPECIFIED";

    /// <summary>Answers may come from the server's caches.</summary>
    public const string MinimizeLatency = "MINIMIZE_LATENCY";

    /// <summary>Skips the server's caches.</summary>
    public const string HigherConsistency = "HIGHER_CONSISTENCY";
}
