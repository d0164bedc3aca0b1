using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using TypedFga.Backends;
using TypedFga.Wire;
using TypedFga.Typed;

namespace TypedFga.Hosting;

/// <summary>
/// Resolves configured connection names to stores and models. With the embedded engine it also prepares
/// them on first use: a store per connection (created, or found by name in a persistent database) and the
/// application's model, written when the store's latest model differs from it.
/// </summary>
public sealed class FgaConnectionRegistry
{
    private readonly FgaOptions _options;
    private readonly FgaModelInfo _model;
    private readonly IEmbeddedStores? _engine;
    private readonly Lazy<Task<IReadOnlyDictionary<string, FgaConnection>>> _connections;

    /// <summary>Creates the registry; nothing is resolved until <see cref="GetAsync"/> or <see cref="InitializeAsync"/>.</summary>
    public FgaConnectionRegistry(IOptions<FgaOptions> options, FgaModelInfo model)
        : this(options, model, engine: null)
    {
    }

    /// <summary>A registry that prepares its stores and models on the embedded engine's <paramref name="engine"/>.</summary>
    internal FgaConnectionRegistry(IOptions<FgaOptions> options, FgaModelInfo model, IEmbeddedStores? engine)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(model);
        _options = options.Value;
        _model = model;
        _engine = engine;
        _connections = new(ResolveAllAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The connection names: <c>default</c> and every key of <c>Fga:Connections</c>.</summary>
    public IEnumerable<string> Names => _options.Connections.Keys.Prepend(FgaOptions.DefaultConnectionName);

    /// <summary>Resolves every connection (creating embedded stores and models as needed).</summary>
    public Task InitializeAsync() => _connections.Value;

    /// <summary>The connection named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No connection has that name.</exception>
    public async Task<FgaConnection> GetAsync(string name = FgaOptions.DefaultConnectionName)
    {
        ArgumentNullException.ThrowIfNull(name);
        var connections = await _connections.Value.ConfigureAwait(false);
        return connections.TryGetValue(name, out var connection)
            ? connection
            : throw new ArgumentException(
                $"No OpenFGA connection is named '{name}'. Configure it under Fga:Connections:{name}, or use one of: {string.Join(", ", connections.Keys)}.",
                nameof(name));
    }

    private async Task<IReadOnlyDictionary<string, FgaConnection>> ResolveAllAsync()
    {
        var resolved = new Dictionary<string, FgaConnection>(StringComparer.Ordinal);
        var settings = _options.Connections
            .Select(pair => (Name: pair.Key, pair.Value.StoreId, pair.Value.AuthorizationModelId))
            .Prepend((Name: FgaOptions.DefaultConnectionName, _options.StoreId, _options.AuthorizationModelId));
        foreach (var (name, storeId, modelId) in settings)
        {
            resolved[name] = _engine is null
                ? new FgaConnection(name, storeId ?? throw MissingStore(name), modelId)
                : await PrepareEmbeddedAsync(_engine, name, storeId, modelId).ConfigureAwait(false);
        }

        return resolved;
    }

    private async Task<FgaConnection> PrepareEmbeddedAsync(IEmbeddedStores engine, string name, string? storeId, string? modelId)
    {
        var storeName = name == FgaOptions.DefaultConnectionName ? _options.Embedded.StoreName : name;
        storeId ??= await FindOrCreateStoreAsync(engine, storeName).ConfigureAwait(false);
        modelId ??= await EnsureModelAsync(engine, storeId).ConfigureAwait(false);
        return new FgaConnection(name, storeId, modelId);
    }

    private static async Task<string> FindOrCreateStoreAsync(IEmbeddedStores engine, string storeName) =>
        await engine.FindStoreAsync(storeName).ConfigureAwait(false) ?? await engine.CreateStoreAsync(storeName).ConfigureAwait(false);

    private async Task<string> EnsureModelAsync(IEmbeddedStores engine, string storeId)
    {
        var latest = await engine.ReadLatestModelAsync(storeId).ConfigureAwait(false);
        if (latest is { Id: { } latestId } current && IsSameModel(current, _model.Json))
        {
            return latestId;
        }

        return await engine.WriteModelAsync(storeId, _model.Json).ConfigureAwait(false);
    }

    private static bool IsSameModel(AuthorizationModel stored, string json)
    {
        var wanted = JsonNode.Parse(json)!.AsObject();
        var storedNode = JsonSerializer.SerializeToNode(stored with { Id = null }, FgaApiJsonContext.Default.AuthorizationModel)!.AsObject();
        return JsonNode.DeepEquals(Normalise(wanted), Normalise(storedNode));
    }

    // Absent, null and empty lists mean the same model to OpenFGA (an empty object does not: `this: {}`).
    private static JsonNode? Normalise(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj
            .Where(pair => !IsEmpty(pair.Value))
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => KeyValuePair.Create(pair.Key, Normalise(pair.Value)))),
        JsonArray array => new JsonArray(array.Select(Normalise).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };

    private static bool IsEmpty(JsonNode? node) => node is null or JsonArray { Count: 0 };

    private static InvalidOperationException MissingStore(string name) => new(
        name == FgaOptions.DefaultConnectionName
            ? "Fga:StoreId is required with the OpenFGA backend."
            : $"Fga:Connections:{name}:StoreId is required with the OpenFGA backend.");
}
