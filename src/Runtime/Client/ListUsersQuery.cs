namespace TypedFga;

/// <summary>
/// A ListUsers: the subjects of one kind that have <paramref name="Relation"/> on <paramref name="Object"/>.
/// </summary>
/// <param name="Object">The object, for example <c>document:roadmap</c>.</param>
/// <param name="Relation">The relation, for example <c>can_edit</c>.</param>
/// <param name="UserFilter">
/// The kind of subject to list: a type (<c>user</c>, which finds <c>user:anne</c> and the wildcard <c>user:*</c>) or a
/// userset (<c>team#member</c>, which finds <c>team:eng#member</c>).
/// </param>
/// <param name="Context">Request context for conditions; the tuple's own context wins on conflict.</param>
/// <param name="ContextualTuples">Tuples considered for this query only.</param>
public sealed record ListUsersQuery(
    string Object,
    string Relation,
    string UserFilter,
    IReadOnlyDictionary<string, object?>? Context = null,
    IReadOnlyList<TupleKey>? ContextualTuples = null)
{
    /// <summary>How fresh the answer must be; <see cref="FgaConsistency.HigherConsistency"/> skips the server's caches.</summary>
    public FgaConsistency Consistency { get; init; }
}
