namespace TypedFga.Caching;

/// <summary>The in-process check cache (<c>Fga:Cache</c>).</summary>
public sealed class CheckCacheOptions
{
    /// <summary>
    /// Remember check answers in this process. Default false. A grant or revoke made through this process forgets the
    /// answers the model's relation dependencies say it can change (see <see cref="CheckCache"/>); writes made
    /// elsewhere are seen after <see cref="Ttl"/> at most. Checks with a request context, contextual tuples or
    /// <see cref="FgaConsistency.HigherConsistency"/> are never cached.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>How long an answer is reused. Default 10 seconds (OpenFGA's own check cache default).</summary>
    public TimeSpan Ttl { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The most answers kept; reaching it starts over with an empty cache. Default 10,000.</summary>
    public int MaxEntries { get; set; } = 10_000;
}
