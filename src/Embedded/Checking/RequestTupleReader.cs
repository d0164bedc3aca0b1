using TypedFga.Embedded.Authorization;
using TypedFga.Embedded.Storage;

namespace TypedFga.Embedded.Checking;

/// <summary>
/// The tuples one request sees: the store's, plus the request's contextual tuples (which exist for this
/// request only). Reads are synchronous, on the request's own reader and inside its read transaction.
/// </summary>
internal sealed class RequestTupleReader
{
    private readonly FgaReader _storage;
    private readonly string _storeId;
    private readonly Dictionary<(string Type, string Id, string Relation), List<StoredTuple>> _contextual = [];
    private readonly List<StoredTuple> _allContextual = [];

    public RequestTupleReader(FgaReader storage, string storeId, IEnumerable<StoredTuple> contextualTuples)
    {
        _storage = storage;
        _storeId = storeId;
        foreach (var tuple in contextualTuples)
        {
            var key = (tuple.ObjectType, tuple.ObjectId, tuple.Relation);
            if (!_contextual.TryGetValue(key, out var list))
            {
                _contextual[key] = list = [];
            }

            list.Add(tuple);
            _allContextual.Add(tuple);
        }
    }

    public StoredTuple? ReadUserTuple(string objectType, string objectId, string relation, TupleUser user)
    {
        if (_contextual.TryGetValue((objectType, objectId, relation), out var list))
        {
            foreach (var tuple in list)
            {
                if (tuple.User == user)
                {
                    return tuple;
                }
            }
        }

        return _storage.ReadUserTuple(_storeId, objectType, objectId, relation, user);
    }

    public List<StoredTuple> ReadUsersetTuples(string objectType, string objectId, string relation)
    {
        var stored = _storage.ReadUsersetTuples(_storeId, objectType, objectId, relation);
        if (_contextual.TryGetValue((objectType, objectId, relation), out var list))
        {
            stored.AddRange(list.Where(t => t.User.Kind == TupleUserKind.Userset));
        }

        return stored;
    }

    public List<StoredTuple> ReadTuples(string objectType, string objectId, string relation)
    {
        var stored = _storage.ReadTuples(_storeId, objectType, objectId, relation);
        if (_contextual.TryGetValue((objectType, objectId, relation), out var list))
        {
            stored.AddRange(list);
        }

        return stored;
    }

    /// <summary>Ids of the objects with a tuple objectType:id#relation@user.</summary>
    public IEnumerable<string> ObjectIdsWithUser(string objectType, string relation, TupleUser user) =>
        _storage.ReadObjectIdsWithUser(_storeId, objectType, relation, user)
            .Concat(_allContextual.Where(t => t.ObjectType == objectType && t.Relation == relation && t.User == user).Select(t => t.ObjectId));
}
