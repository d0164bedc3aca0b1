namespace TypedFga;

/// <summary>
/// A Read: the tuples stored directly (not computed) that match the filter. Every part is optional, as in OpenFGA:
/// no filter reads the whole store; <paramref name="Object"/> may be a type alone (<c>document:</c>), and then
/// <paramref name="User"/> is required.
/// </summary>
/// <param name="Object">The object (<c>document:roadmap</c>) or object type (<c>document:</c>), or null for any.</param>
/// <param name="Relation">The relation, or null for any. Requires <paramref name="Object"/>.</param>
/// <param name="User">The subject (<c>user:anne</c>, <c>team:eng#member</c>, <c>user:*</c>), or null for any.</param>
public sealed record ReadQuery(string? Object = null, string? Relation = null, string? User = null)
{
    /// <summary>Tuples asked for per request to OpenFGA (1 to 100); the results are streamed across pages.</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>How fresh the answer must be; <see cref="FgaConsistency.HigherConsistency"/> skips the server's caches.</summary>
    public FgaConsistency Consistency { get; init; }
}
