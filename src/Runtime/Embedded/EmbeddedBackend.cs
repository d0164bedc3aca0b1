using TypedFga.Backends;
using TypedFga.Embedded.Api;

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
                OnDuplicate = conflicts.IgnoreDuplicateWrites ? "ignore" : "error",
            },
            Deletes = deletes.Count == 0 ? null : new WriteRequestDeletes
            {
                TupleKeys = deletes.Select(t => ApiTupleKey.Of(t.User, t.Relation, t.Object)).ToList(),
                OnMissing = conflicts.IgnoreMissingDeletes ? "ignore" : "error",
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
            TupleKey = ApiTupleKey.Of(query.User, query.Relation, query.Object),
            Context = ToJson(query.Context),
            ContextualTuples = query.ContextualTuples is { Count: > 0 } contextual
                ? new ContextualTupleKeys { TupleKeys = contextual.Select(ToApi).ToList() }
                : null,
            // Passed on as a server would receive it; the engine has no caches and ignores it.
            Consistency = query.Consistency == FgaConsistency.HigherConsistency ? "HIGHER_CONSISTENCY" : null,
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
        var request = new ReadRequest { TupleKey = new ApiTupleKey { Object = @object, Relation = relation }, PageSize = Math.Min(limit, 100) };
        return await StoredUserReader.ReadAsync(
            async (continuation, token) =>
            {
                var page = await Engine.ReadAsync(connection.StoreId, request with { ContinuationToken = continuation }, token).ConfigureAwait(false);
                return (page.Tuples.Select(tuple => tuple.Key?.User), page.ContinuationToken);
            },
            limit,
            cancellationToken).ConfigureAwait(false);
    }

    internal static ApiTupleKey ToApi(TupleKey tuple) => ApiTupleKey.Of(
        tuple.User,
        tuple.Relation,
        tuple.Object,
        tuple.Condition is null ? null : new ApiCondition { Name = tuple.Condition.Name, Context = ToJson(tuple.Condition.Context) });

    internal static System.Text.Json.Nodes.JsonObject? ToJson(IReadOnlyDictionary<string, object?>? values) =>
        ConditionContextWriter.ToJsonObject(values, "context");
}
