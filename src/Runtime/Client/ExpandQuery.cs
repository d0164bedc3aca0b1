namespace TypedFga;

/// <summary>An Expand: the tree of usersets that make up <paramref name="Relation"/> on <paramref name="Object"/>, one level deep.</summary>
/// <param name="Object">The object, for example <c>document:roadmap</c>.</param>
/// <param name="Relation">The relation, for example <c>can_view</c>.</param>
/// <param name="ContextualTuples">Tuples considered for this query only (OpenFGA 1.5.4 and later).</param>
public sealed record ExpandQuery(string Object, string Relation, IReadOnlyList<TupleKey>? ContextualTuples = null)
{
    /// <summary>How fresh the answer must be; <see cref="FgaConsistency.HigherConsistency"/> skips the server's caches.</summary>
    public FgaConsistency Consistency { get; init; }
}
