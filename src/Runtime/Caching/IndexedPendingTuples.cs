using TypedFga.Outbox;

namespace TypedFga.Caching;

/// <summary>Pending tuples of one store from the outbox's in-memory index, up to a check's snapshot.</summary>
internal sealed class IndexedPendingTuples(PendingTupleIndex index, string storeId, long upToSequence) : IPendingTuples
{
    public IReadOnlyList<string> UsersOn(string @object, string relation) => index.UsersOn(storeId, @object, relation, upToSequence);

    public bool AnyOn(string type, string relation) => index.AnyOn(storeId, type, relation);

    public IEnumerable<(string Object, string User)> TuplesOf(string type, string relation) => index.TuplesOf(storeId, type, relation, upToSequence);
}
