namespace TypedFga;

/// <summary>A ListObjects: the objects of <paramref name="Type"/> on which <paramref name="User"/> has <paramref name="Relation"/>.</summary>
/// <param name="Type">The object type, for example <c>document</c>.</param>
/// <param name="Relation">The relation, for example <c>can_view</c>.</param>
/// <param name="User">The subject, for example <c>user:anne</c> or <c>team:eng#member</c>.</param>
/// <param name="Context">Request context for conditions; the tuple's own context wins on conflict.</param>
/// <param name="ContextualTuples">Tuples considered for this query only.</param>
public sealed record ListObjectsQuery(
    string Type,
    string Relation,
    string User,
    IReadOnlyDictionary<string, object?>? Context = null,
    IReadOnlyList<TupleKey>? ContextualTuples = null)
{
    /// <summary>How fresh the answer must be; <see cref="FgaConsistency.HigherConsistency"/> skips the server's caches.</summary>
    public FgaConsistency Consistency { get; init; }
}
