using TypedFga.Outbox;

namespace TypedFga.Caching;

/// <summary>Pending tuples from a list of operations read from the outbox.</summary>
internal sealed class ListedPendingTuples : IPendingTuples
{
    private readonly Dictionary<(string Object, string Relation), List<string>> _byNode = [];
    private readonly Dictionary<(string Type, string Relation), List<(string Object, string User)>> _byRelation = [];

    public ListedPendingTuples(IEnumerable<PendingOperation> operations)
    {
        foreach (var operation in operations)
        {
            var tuple = operation.Tuple;
            Append(_byNode, (tuple.Object, tuple.Relation), tuple.User);
            Append(_byRelation, (TupleParts.TypeOf(tuple.Object), tuple.Relation), (tuple.Object, tuple.User));
        }
    }

    public IReadOnlyList<string> UsersOn(string @object, string relation) =>
        _byNode.TryGetValue((@object, relation), out var users) ? users : [];

    public bool AnyOn(string type, string relation) => _byRelation.ContainsKey((type, relation));

    public IEnumerable<(string Object, string User)> TuplesOf(string type, string relation) =>
        _byRelation.TryGetValue((type, relation), out var tuples) ? tuples : [];

    private static void Append<TKey, TValue>(Dictionary<TKey, List<TValue>> map, TKey key, TValue value)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var values))
        {
            map[key] = values = [];
        }

        values.Add(value);
    }
}
