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

    internal static JsonObject? ToJson(IReadOnlyDictionary<string, object?>? values)
    {
        if (values is null)
        {
            return null;
        }

        var result = new JsonObject();
        foreach (var (key, value) in values)
        {
            result[key] = ToNode(value);
        }

        return result;
    }

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        ulong u => JsonValue.Create(u),
        double d => JsonValue.Create(d),
        float f => JsonValue.Create(f),
        decimal m => JsonValue.Create(m),
        // OpenFGA takes timestamps as RFC 3339 text and durations in Go's syntax (seconds suffice).
        DateTimeOffset t => JsonValue.Create(t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture)),
        DateTime t => JsonValue.Create(new DateTimeOffset(t.ToUniversalTime()).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture)),
        TimeSpan span => JsonValue.Create(span.TotalSeconds.ToString("0.#########", System.Globalization.CultureInfo.InvariantCulture) + "s"),
        System.Net.IPAddress ip => JsonValue.Create(ip.ToString()),
        IReadOnlyDictionary<string, object?> map => ToJson(map),
        System.Collections.IDictionary dictionary => new JsonObject(dictionary.Keys.Cast<object>().Select(k => KeyValuePair.Create(k.ToString()!, ToNode(dictionary[k])))),
        System.Collections.IEnumerable list => new JsonArray(list.Cast<object?>().Select(ToNode).ToArray()),
        _ => JsonSerializer.SerializeToNode(value.ToString()),
    };
}
