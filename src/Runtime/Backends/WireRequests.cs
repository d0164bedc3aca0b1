using System.Text.Json.Nodes;
using TypedFga.Wire;

namespace TypedFga.Backends;

/// <summary>
/// The OpenFGA request behind each backend call, built from the runtime's queries. The embedded engine and an
/// OpenFGA server receive the same request for the same call; each backend adds only what is its own (the model
/// id it resolves, correlation ids, batching).
/// </summary>
internal static class WireRequests
{
    /// <summary>A Write of <paramref name="writes"/> (with their conditions) and <paramref name="deletes"/>.</summary>
    public static WriteRequest Write(IReadOnlyList<TupleKey> writes, IReadOnlyList<TupleKey> deletes, WriteConflictOptions conflicts, string? modelId) => new()
    {
        // OpenFGA refuses an empty writes or deletes object, so an empty side is left out. Both conflict settings are
        // always explicit, as the OpenFGA SDKs send them.
        Writes = writes.Count == 0 ? null : new WriteRequestWrites
        {
            TupleKeys = writes.Select(KeyOf).ToList(),
            OnDuplicate = conflicts.IgnoreDuplicateWrites ? WriteConflictAction.Ignore : WriteConflictAction.Error,
        },
        Deletes = deletes.Count == 0 ? null : new WriteRequestDeletes
        {
            TupleKeys = deletes.Select(tuple => TupleKeyWithoutCondition.Of(tuple.User, tuple.Relation, tuple.Object)).ToList(),
            OnMissing = conflicts.IgnoreMissingDeletes ? WriteConflictAction.Ignore : WriteConflictAction.Error,
        },
        AuthorizationModelId = modelId,
    };

    /// <summary>A Check of <paramref name="query"/>.</summary>
    public static CheckRequest Check(CheckQuery query, string? modelId) => new()
    {
        TupleKey = TupleKeyWithoutCondition.Of(query.User, query.Relation, query.Object),
        ContextualTuples = ContextualTuplesOf(query.ContextualTuples),
        AuthorizationModelId = modelId,
        Context = ContextOf(query.Context),
        Consistency = ConsistencyOf(query.Consistency),
    };

    /// <summary>One check of a BatchCheck; the batch's consistency is set on the request.</summary>
    public static BatchCheckItem BatchCheckItem(CheckQuery check, string? correlationId) => new()
    {
        TupleKey = TupleKeyWithoutCondition.Of(check.User, check.Relation, check.Object),
        ContextualTuples = ContextualTuplesOf(check.ContextualTuples),
        Context = ContextOf(check.Context),
        CorrelationId = correlationId,
    };

    /// <summary>A ListObjects (or StreamedListObjects) of <paramref name="query"/>.</summary>
    public static ListObjectsRequest ListObjects(ListObjectsQuery query, string? modelId) => new()
    {
        AuthorizationModelId = modelId,
        Type = query.Type,
        Relation = query.Relation,
        User = query.User,
        ContextualTuples = ContextualTuplesOf(query.ContextualTuples),
        Context = ContextOf(query.Context),
        Consistency = ConsistencyOf(query.Consistency),
    };

    /// <summary>A ListUsers of <paramref name="query"/>, whose contextual tuples travel as a plain array.</summary>
    public static ListUsersRequest ListUsers(ListUsersQuery query, string? modelId)
    {
        var (filterType, filterRelation) = TupleParts.SplitUserFilter(query.UserFilter);
        return new()
        {
            AuthorizationModelId = modelId,
            Object = new FgaObject { Type = TupleParts.TypeOf(query.Object), Id = TupleParts.IdOf(query.Object) },
            Relation = query.Relation,
            UserFilters = [new UserTypeFilter { Type = filterType, Relation = filterRelation }],
            ContextualTuples = query.ContextualTuples is { Count: > 0 } contextual ? contextual.Select(KeyOf).ToList() : null,
            Context = ContextOf(query.Context),
            Consistency = ConsistencyOf(query.Consistency),
        };
    }

    /// <summary>A Read of one page of the tuples matching <paramref name="query"/>.</summary>
    public static ReadRequest Read(ReadQuery query, string? continuationToken) => new()
    {
        TupleKey = query is { Object: null, Relation: null, User: null }
            ? null
            : new ReadRequestTupleKey { Object = query.Object, Relation = query.Relation, User = query.User },
        PageSize = query.PageSize,
        ContinuationToken = continuationToken,
        Consistency = ConsistencyOf(query.Consistency),
    };

    /// <summary>A Read of the stored users of <paramref name="relation"/> on <paramref name="object"/>, in pages of up to <paramref name="limit"/>.</summary>
    public static ReadRequest ReadUsers(string @object, string relation, int limit) => new()
    {
        TupleKey = new ReadRequestTupleKey { Object = @object, Relation = relation },
        PageSize = Math.Min(limit, 100),
    };

    /// <summary>An Expand of <paramref name="query"/>.</summary>
    public static ExpandRequest Expand(ExpandQuery query, string? modelId) => new()
    {
        TupleKey = new ExpandRequestTupleKey { Object = query.Object, Relation = query.Relation },
        AuthorizationModelId = modelId,
        Consistency = ConsistencyOf(query.Consistency),
        ContextualTuples = ContextualTuplesOf(query.ContextualTuples),
    };

    /// <summary>
    /// The consistency to send. The default sends nothing, as OpenFGA's SDKs do when no preference is set: the server
    /// then answers as for MINIMIZE_LATENCY (its UNSPECIFIED is the same), and the body stays what servers before 1.5.7
    /// expect. The embedded engine has no caches and ignores it.
    /// </summary>
    public static string? ConsistencyOf(FgaConsistency consistency) =>
        consistency == FgaConsistency.HigherConsistency ? ConsistencyPreference.HigherConsistency : null;

    /// <summary>A tuple in OpenFGA's form, its condition's context as the JSON OpenFGA receives.</summary>
    /// <exception cref="ArgumentException">A context value cannot be sent to OpenFGA.</exception>
    public static ApiTupleKey KeyOf(TupleKey tuple) => ApiTupleKey.Of(
        tuple.User,
        tuple.Relation,
        tuple.Object,
        tuple.Condition is null ? null : new ApiRelationshipCondition { Name = tuple.Condition.Name, Context = ContextOf(tuple.Condition.Context) });

    /// <summary>A condition context as the JSON object OpenFGA receives, written by <see cref="ConditionContextWriter"/>.</summary>
    /// <exception cref="ArgumentException">A value cannot be sent to OpenFGA.</exception>
    public static JsonObject? ContextOf(IReadOnlyDictionary<string, object?>? values) =>
        ConditionContextWriter.ToJsonObject(values, "context");

    private static ContextualTupleKeys? ContextualTuplesOf(IReadOnlyList<TupleKey>? tuples) =>
        tuples is { Count: > 0 } ? new ContextualTupleKeys { TupleKeys = tuples.Select(KeyOf).ToList() } : null;
}
