using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using TypedFga.Authorization;
using TypedFga.Embedded.Api;
using TypedFga.Embedded.Storage;

namespace TypedFga.Embedded;

/// <summary>
/// An OpenFGA-compatible authorization engine that runs in process on SQLite: stores, authorization models,
/// tuples with conditions, a changelog, and Check, BatchCheck, Read, ListObjects, ListUsers, ReadChanges and
/// Expand with OpenFGA's semantics and error codes. Requests and responses mirror OpenFGA's HTTP API
/// (<see cref="FgaApiJsonContext"/> serialises them), so an HTTP layer can sit directly on this class.
/// Errors are thrown as <see cref="FgaEngineException"/>. Thread-safe; requests are served one at a time.
/// </summary>
public sealed partial class EmbeddedOpenFga : IDisposable
{
    private readonly Lock _gate = new();
    private readonly FgaStorage _storage;
    private readonly EmbeddedOpenFgaOptions _options;
    private readonly UlidGenerator _ids;
    private readonly ConcurrentDictionary<(string Store, string Model), AuthorizationTypeSystem> _models = new();
    private bool _disposed;

    /// <summary>Opens (creating when needed) the engine's database.</summary>
    public EmbeddedOpenFga(EmbeddedOpenFgaOptions? options = null)
    {
        _options = options ?? new EmbeddedOpenFgaOptions();
        _ids = new UlidGenerator(_options.TimeProvider);
        _storage = new FgaStorage(_options.ConnectionString, _options.Synchronous);
    }

    /// <summary>The settings this engine runs with.</summary>
    public EmbeddedOpenFgaOptions Options => _options;

    /// <summary>Creates a store.</summary>
    public Task<StoreInfo> CreateStoreAsync(CreateStoreRequest request, CancellationToken cancellationToken = default) =>
        Run(() =>
        {
            ArgumentNullException.ThrowIfNull(request);
            var name = request.Name ?? "";
            if (!StoreName().IsMatch(name))
            {
                throw FgaEngineException.Validation($"invalid CreateStoreRequest.Name: value does not match regex pattern \"^[a-zA-Z0-9\\s\\.\\-\\/^_&@]{{3,64}}$\"");
            }

            var id = _ids.Next();
            var now = _options.TimeProvider.GetUtcNow();
            _storage.InsertStore(id, name, now.ToUnixTimeMilliseconds());
            return new StoreInfo { Id = id, Name = name, CreatedAt = now, UpdatedAt = now };
        }, cancellationToken);

    /// <summary>Reads a store; 404 <c>store_id_not_found</c> when it does not exist.</summary>
    public Task<StoreInfo> GetStoreAsync(string storeId, CancellationToken cancellationToken = default) =>
        Run(() => ToInfo(RequireStore(storeId)), cancellationToken);

    /// <summary>Lists stores, optionally only those with an exact name.</summary>
    public Task<ListStoresResponse> ListStoresAsync(int? pageSize = null, string? continuationToken = null, string? name = null, CancellationToken cancellationToken = default) =>
        Run(() =>
        {
            var size = PageSize(pageSize);
            var rows = _storage.ListStores(string.IsNullOrEmpty(name) ? null : name, ContinuationToken.Decode(continuationToken), size + 1);
            var page = rows.Take(size).Select(ToInfo).ToList();
            return new ListStoresResponse
            {
                Stores = page,
                ContinuationToken = rows.Count > size ? ContinuationToken.Encode(page[^1].Id) : "",
            };
        }, cancellationToken);

    /// <summary>Deletes a store with its models, tuples and changelog.</summary>
    public Task DeleteStoreAsync(string storeId, CancellationToken cancellationToken = default) =>
        Run(() =>
        {
            RequireStore(storeId);
            _storage.DeleteStore(storeId, _options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds());
            foreach (var key in _models.Keys.Where(k => k.Store == storeId))
            {
                _models.TryRemove(key, out _);
            }

            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _storage.Dispose();
        }
    }

    /// <summary>
    /// Runs an operation under the engine's lock. SQLite's work is synchronous, so the task is already complete
    /// when returned; failures travel in the task, as with any asynchronous API.
    /// </summary>
    private Task<T> Run<T>(Func<T> operation, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        try
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                return Task.FromResult(operation());
            }
        }
        catch (Exception e)
        {
            return Task.FromException<T>(e);
        }
    }

    private StoreRow RequireStore(string storeId) =>
        _storage.GetStore(storeId ?? "") ?? throw new FgaEngineException(FgaErrorCode.StoreIdNotFound, "store_id not found");

    /// <summary>The model to use: the given id, or the store's latest.</summary>
    private AuthorizationTypeSystem ResolveModel(string storeId, string? modelId)
    {
        RequireStore(storeId);
        if (string.IsNullOrEmpty(modelId))
        {
            var latest = _storage.GetLatestModel(storeId)
                ?? throw new FgaEngineException(FgaErrorCode.LatestAuthorizationModelNotFound, $"No authorization models found for store '{storeId}'");
            return _models.GetOrAdd((storeId, latest.Id), _ => Load(latest.Id, latest.Body));
        }

        if (_models.TryGetValue((storeId, modelId), out var cached))
        {
            return cached;
        }

        var body = _storage.GetModelBody(storeId, modelId)
            ?? throw new FgaEngineException(FgaErrorCode.AuthorizationModelNotFound, $"Authorization Model '{modelId}' not found");
        return _models.GetOrAdd((storeId, modelId), _ => Load(modelId, body));
    }

    private static AuthorizationTypeSystem Load(string id, string body) =>
        AuthorizationTypeSystem.Build(id, JsonSerializer.Deserialize(body, FgaApiJsonContext.Default.AuthorizationModel)!);

    private static StoreInfo ToInfo(StoreRow row) => new()
    {
        Id = row.Id,
        Name = row.Name,
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAt),
        UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(row.UpdatedAt),
        DeletedAt = row.DeletedAt is { } deleted ? DateTimeOffset.FromUnixTimeMilliseconds(deleted) : null,
    };

    private static int PageSize(int? requested, int max = 100) => requested switch
    {
        null or 0 => Math.Min(50, max),
        < 1 => throw new FgaEngineException(FgaErrorCode.PageSizeInvalid, $"page_size must be between 1 and {max}"),
        var size when size > max => throw new FgaEngineException(FgaErrorCode.PageSizeInvalid, $"page_size must be between 1 and {max}"),
        var size => size.Value,
    };

    [GeneratedRegex(@"^[a-zA-Z0-9\s\.\-\/^_&@]{3,64}$")]
    private static partial Regex StoreName();
}
