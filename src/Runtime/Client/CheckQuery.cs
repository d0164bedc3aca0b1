namespace TypedFga;

/// <summary>A Check: does <paramref name="User"/> have <paramref name="Relation"/> on <paramref name="Object"/>?</summary>
/// <param name="User">The subject, for example <c>user:anne</c> or <c>team:eng#member</c>.</param>
/// <param name="Relation">The relation to check.</param>
/// <param name="Object">The object, for example <c>document:roadmap</c>.</param>
/// <param name="Context">Request context for conditions; the tuple's own context wins on conflict.</param>
/// <param name="ContextualTuples">Tuples considered for this check only.</param>
public sealed record CheckQuery(
    string User,
    string Relation,
    string Object,
    IReadOnlyDictionary<string, object?>? Context = null,
    IReadOnlyList<TupleKey>? ContextualTuples = null)
{
    /// <summary>
    /// How fresh the answer must be: <see cref="FgaConsistency.HigherConsistency"/> skips the check cache and the
    /// server's caches. Default <see cref="FgaConsistency.MinimizeLatency"/>.
    /// </summary>
    public FgaConsistency Consistency { get; init; }
}
