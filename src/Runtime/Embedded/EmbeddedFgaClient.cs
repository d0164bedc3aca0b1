using System.Text.Json;
using System.Text.Json.Nodes;
using TypedFga.Embedded.Api;

namespace TypedFga.Embedded;

/// <summary>
/// An <see cref="IFgaClient"/> over the embedded engine, so the generated typed API runs with no server.
/// Grants and revokes are idempotent (written with <c>on_duplicate</c> / <c>on_missing</c> = <c>ignore</c>) and
/// take effect immediately.
/// </summary>
public sealed class EmbeddedFgaClient : IFgaClient
{
    private readonly EmbeddedOpenFga _engine;
    private readonly string _storeId;
    private readonly string? _modelId;

    /// <summary>Creates a client for one store and model of the engine.</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="storeId">The store to read and write.</param>
    /// <param name="authorizationModelId">The model to use; the store's latest when null.</param>
    public EmbeddedFgaClient(EmbeddedOpenFga engine, string storeId, string? authorizationModelId = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentException.ThrowIfNullOrEmpty(storeId);
        _engine = engine;
        _storeId = storeId;
        _modelId = authorizationModelId;
    }

    /// <inheritdoc />
    public async ValueTask GrantAsync(TupleKey tuple, WriteMode mode = WriteMode.Default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tuple);
        await _engine.WriteAsync(_storeId, new WriteRequest
        {
            AuthorizationModelId = _modelId,
            Writes = new WriteRequestWrites { TupleKeys = [ToApi(tuple)], OnDuplicate = "ignore" },
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask RevokeAsync(TupleKey tuple, WriteMode mode = WriteMode.Default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tuple);
        await _engine.WriteAsync(_storeId, new WriteRequest
        {
            AuthorizationModelId = _modelId,
            Deletes = new WriteRequestDeletes { TupleKeys = [ApiTupleKey.Of(tuple.User, tuple.Relation, tuple.Object)], OnMissing = "ignore" },
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<bool> CheckAsync(CheckQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var response = await _engine.CheckAsync(_storeId, new CheckRequest
        {
            AuthorizationModelId = _modelId,
            TupleKey = ApiTupleKey.Of(query.User, query.Relation, query.Object),
            Context = ToJson(query.Context),
            ContextualTuples = query.ContextualTuples is { Count: > 0 } contextual
                ? new ContextualTupleKeys { TupleKeys = contextual.Select(ToApi).ToList() }
                : null,
        }, cancellationToken).ConfigureAwait(false);
        return response.Allowed;
    }

    internal static ApiTupleKey ToApi(TupleKey tuple) => ApiTupleKey.Of(
        tuple.User,
        tuple.Relation,
        tuple.Object,
        tuple.Condition is null ? null : new ApiCondition { Name = tuple.Condition.Name, Context = ToJson(tuple.Condition.Context) });

    internal static JsonObject? ToJson(IReadOnlyDictionary<string, object?>? values) =>
        ConditionContextWriter.ToJsonObject(values, "context");
}
