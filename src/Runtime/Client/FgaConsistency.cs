namespace TypedFga;

/// <summary>How fresh a check's answer must be.</summary>
public enum FgaConsistency
{
    /// <summary>
    /// The default: the answer may come from the in-process check cache (<c>Fga:Cache</c>) and from an OpenFGA
    /// server's own caches. Local grants and revokes are always taken into account.
    /// </summary>
    MinimizeLatency = 0,

    /// <summary>
    /// Skips the in-process check cache (the answer is neither read from it nor stored in it) and asks an OpenFGA
    /// server with <c>HIGHER_CONSISTENCY</c>, which skips the server's caches too. The embedded engine has no caches
    /// and answers as it always does.
    /// </summary>
    HigherConsistency = 1,
}
