using System.Globalization;
using System.Runtime.CompilerServices;
using TypedFga.Backends;
using TypedFga.Outbox;
using TypedFga.Wire;

namespace TypedFga.Embedded;

/// <summary>
/// The embedded engine as an <see cref="IFgaBackend"/>: what the write-behind flusher and the runtime's client
/// use when no OpenFGA server is configured. Engine errors surface as <see cref="FgaEngineException"/>, an
/// <see cref="FgaApiException"/> with the same status and code an OpenFGA server would answer with.
/// </summary>
public sealed class EmbeddedBackend(EmbeddedOpenFga engine) : IFgaBackend
{
    /// <summary>The engine behind this backend.</summary>
    public EmbeddedOpenFga Engine { get; } = engine ?? throw new ArgumentNullException(nameof(engine));

    /// <inheritdoc />
    public async Task WriteAsync(
        FgaConnection connection,
        IReadOnlyList<TupleKey> writes,
        IReadOnlyList<TupleKey> deletes,
        WriteConflictOptions conflicts,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(writes);
        ArgumentNullException.ThrowIfNull(deletes);
        var request = new WriteRequest
        {
            AuthorizationModelId = connection.AuthorizationModelId,
            Writes = writes.Count == 0 ? null : new WriteRequestWrites
            {
                TupleKeys = writes.Select(ToApi).ToList(),
                OnDuplicate = conflicts.IgnoreDuplicateWrites ? WriteConflictAction.Ignore : WriteConflictAction.Error,
            },
            Deletes = deletes.Count == 0 ? null : new WriteRequestDeletes
            {
                TupleKeys = deletes.Select(t => TupleKeyWithoutCondition.Of(t.User, t.Relation, t.Object)).ToList(),
                OnMissing = conflicts.IgnoreMissingDeletes ? WriteConflictAction.Ignore : WriteConflictAction.Error,
            },
        };

        await Engine.WriteAsync(connection.StoreId, request, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> CheckAsync(FgaConnection connection, CheckQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(query);
        var request = new CheckRequest
        {
            AuthorizationModelId = connection.AuthorizationModelId,
            TupleKey = TupleKeyWithoutCondition.Of(query.User, query.Relation, query.Object),
            Context = ToJson(query.Context),
            ContextualTuples = ContextualOf(query.ContextualTuples),
            Consistency = ConsistencyOf(query.Consistency),
        };

        var response = await Engine.CheckAsync(connection.StoreId, request, cancellationToken).ConfigureAwait(false);
        return response.Allowed;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>?> ReadUsersAsync(
        FgaConnection connection, string @object, string relation, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var request = new ReadRequest { TupleKey = new ReadRequestTupleKey { Object = @object, Relation = relation }, PageSize = Math.Min(limit, 100) };
        return await StoredUserReader.ReadAsync(
            async (continuation, token) =>
            {
                var page = await Engine.ReadAsync(connection.StoreId, request with { ContinuationToken = continuation }, token).ConfigureAwait(false);
                return (page.Tuples.Select(tuple => tuple.Key?.User), page.ContinuationToken);
            },
            limit,
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<bool>> BatchCheckAsync(
        FgaConnection connection, IReadOnlyList<CheckQuery> checks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(checks);
        var answers = new bool[checks.Count];
        var chunkSize = Engine.Options.MaxChecksPerBatchCheck;
        for (var start = 0; start < checks.Count; start += chunkSize)
        {
            var count = Math.Min(chunkSize, checks.Count - start);
            var items = new List<BatchCheckItem>(count);
            var consistency = FgaConsistency.MinimizeLatency;
            for (var i = 0; i < count; i++)
            {
                var check = checks[start + i] ?? throw new ArgumentException($"Check {start + i} of the batch is null.", nameof(checks));
                consistency = check.Consistency > consistency ? check.Consistency : consistency;
                items.Add(new BatchCheckItem
                {
                    // The position is the correlation id: unique in the chunk, and no look-up to map answers back.
                    CorrelationId = i.ToString(CultureInfo.InvariantCulture),
                    TupleKey = TupleKeyWithoutCondition.Of(check.User, check.Relation, check.Object),
                    Context = ToJson(check.Context),
                    ContextualTuples = ContextualOf(check.ContextualTuples),
                });
            }

            var request = new BatchCheckRequest { AuthorizationModelId = connection.AuthorizationModelId, Checks = items, Consistency = ConsistencyOf(consistency) };
            var response = await Engine.BatchCheckAsync(connection.StoreId, request, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < count; i++)
            {
                var answer = response.Result.GetValueOrDefault(items[i].CorrelationId!);
                if (answer?.Error is { } error)
                {
                    throw new FgaEngineException(
                        FgaErrorCode.ValidationError,
                        $"check {start + i} of the batch ({checks[start + i].Object}#{checks[start + i].Relation}@{checks[start + i].User}) failed: {error.Message ?? error.InputError ?? error.InternalError}");
                }

                answers[start + i] = answer?.Allowed == true;
            }
        }

        return answers;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListObjectsAsync(FgaConnection connection, ListObjectsQuery query, CancellationToken cancellationToken = default)
    {
        var response = await Engine.ListObjectsAsync(connection.StoreId, ListObjectsRequestOf(connection, query), cancellationToken).ConfigureAwait(false);
        return response.Objects;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<string> StreamListObjectsAsync(
        FgaConnection connection, ListObjectsQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await Engine.StreamedListObjectsAsync(connection.StoreId, ListObjectsRequestOf(connection, query), cancellationToken).ConfigureAwait(false);
        foreach (var @object in response.Objects)
        {
            yield return @object;
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListUsersAsync(FgaConnection connection, ListUsersQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(query);
        var (filterType, filterRelation) = TupleParts.SplitUserFilter(query.UserFilter);
        var request = new ListUsersRequest
        {
            AuthorizationModelId = connection.AuthorizationModelId,
            Object = new FgaObject { Type = TupleParts.TypeOf(query.Object), Id = TupleParts.IdOf(query.Object) },
            Relation = query.Relation,
            UserFilters = [new UserTypeFilter { Type = filterType, Relation = filterRelation }],
            Context = ToJson(query.Context),
            ContextualTuples = query.ContextualTuples?.Select(ToApi).ToList(),
            Consistency = ConsistencyOf(query.Consistency),
        };
        var response = await Engine.ListUsersAsync(connection.StoreId, request, cancellationToken).ConfigureAwait(false);
        return response.Users.Select(user => user.ToString()).ToList();
    }

    /// <inheritdoc />
    public async Task<FgaReadPage> ReadAsync(FgaConnection connection, ReadQuery query, string? continuationToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(query);
        var request = new ReadRequest
        {
            TupleKey = query is { Object: null, Relation: null, User: null } ? null : new ReadRequestTupleKey { Object = query.Object, Relation = query.Relation, User = query.User },
            PageSize = query.PageSize,
            ContinuationToken = continuationToken,
        };
        var response = await Engine.ReadAsync(connection.StoreId, request, cancellationToken).ConfigureAwait(false);
        var tuples = response.Tuples
            .Where(tuple => tuple.Key is not null)
            .Select(tuple => new FgaTupleRecord(FromApi(tuple.Key!), FgaTupleState.Stored, tuple.Timestamp))
            .ToList();
        return new FgaReadPage(tuples, response.ContinuationToken);
    }

    /// <inheritdoc />
    public async Task<FgaExpandNode> ExpandAsync(FgaConnection connection, ExpandQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(query);
        var request = new ExpandRequest
        {
            AuthorizationModelId = connection.AuthorizationModelId,
            TupleKey = new ExpandRequestTupleKey { Object = query.Object, Relation = query.Relation },
            ContextualTuples = ContextualOf(query.ContextualTuples),
            Consistency = ConsistencyOf(query.Consistency),
        };
        var response = await Engine.ExpandAsync(connection.StoreId, request, cancellationToken).ConfigureAwait(false);
        return ToNode(response.Tree?.Root ?? throw FgaEngineException.Validation("Expand returned no tree."));
    }

    private static ListObjectsRequest ListObjectsRequestOf(FgaConnection connection, ListObjectsQuery query)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(query);
        return new ListObjectsRequest
        {
            AuthorizationModelId = connection.AuthorizationModelId,
            Type = query.Type,
            Relation = query.Relation,
            User = query.User,
            Context = ToJson(query.Context),
            ContextualTuples = ContextualOf(query.ContextualTuples),
            Consistency = ConsistencyOf(query.Consistency),
        };
    }

    private static FgaExpandNode ToNode(UsersetTreeNode node) =>
        node switch
        {
            { Leaf.Users: { } users } => new FgaExpandUsers(node.Name, users.Users),
            { Leaf.Computed: { } computed } => new FgaExpandComputed(node.Name, computed.Userset),
            { Leaf.TupleToUserset: { } ttu } => new FgaExpandTupleToUserset(node.Name, ttu.Tupleset, ttu.Computed.Select(c => c.Userset).ToList()),
            { Union: { } union } => new FgaExpandUnion(node.Name, union.Nodes.Select(ToNode).ToList()),
            { Intersection: { } intersection } => new FgaExpandIntersection(node.Name, intersection.Nodes.Select(ToNode).ToList()),
            { Difference: { Base: { } @base, Subtract: { } subtract } } => new FgaExpandDifference(node.Name, ToNode(@base), ToNode(subtract)),
            _ => new FgaExpandUsers(node.Name, []),
        };

    private static TupleKey FromApi(ApiTupleKey key) => new(
        key.User ?? "",
        key.Relation ?? "",
        key.Object ?? "",
        key.Condition is { Name: { } name } condition
            ? new RelationshipCondition(name, condition.Context is null ? null : ConditionContextJson.Deserialize(condition.Context.ToJsonString()))
            : null);

    private static ContextualTupleKeys? ContextualOf(IReadOnlyList<TupleKey>? tuples) =>
        tuples is { Count: > 0 } ? new ContextualTupleKeys { TupleKeys = tuples.Select(ToApi).ToList() } : null;

    // Passed on as a server would receive it; the engine has no caches and ignores it.
    private static string? ConsistencyOf(FgaConsistency consistency) =>
        consistency == FgaConsistency.HigherConsistency ? ConsistencyPreference.HigherConsistency : null;

    internal static ApiTupleKey ToApi(TupleKey tuple) => ApiTupleKey.Of(
        tuple.User,
        tuple.Relation,
        tuple.Object,
        tuple.Condition is null ? null : new ApiRelationshipCondition { Name = tuple.Condition.Name, Context = ToJson(tuple.Condition.Context) });

    internal static System.Text.Json.Nodes.JsonObject? ToJson(IReadOnlyDictionary<string, object?>? values) =>
        ConditionContextWriter.ToJsonObject(values, "context");
}
