using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using TypedFga.Embedded.Authorization;
using TypedFga.Embedded.Errors;
using TypedFga.Embedded.Storage;
using TypedFga.Wire;

namespace TypedFga.Embedded;

/// <summary>
/// An OpenFGA-compatible authorization engine that runs in process on SQLite: stores, authorization models,
/// tuples with conditions, a changelog, and Check, BatchCheck, Read, ListObjects, ListUsers, ReadChanges and
/// Expand with OpenFGA's semantics and error codes. Errors are thrown as <see cref="FgaEngineException"/>.
/// </summary>
/// <remarks>
/// <para>
/// Applications query and write through <see cref="EmbeddedFgaClient"/> (or the hosting's client); what is public
/// here sets up a store for it: <see cref="CreateStoreAsync"/> and
/// <see cref="WriteAuthorizationModelAsync(string, string, CancellationToken)"/>. The other operations take and return
/// OpenFGA's wire contracts (<see cref="TypedFga.Wire"/>, serialised by <see cref="FgaApiJsonContext"/>), so that an
/// HTTP layer can sit directly on this class; they are internal, as the contracts are.
/// </para>
/// <para>
/// Thread-safe. Reads (Check, BatchCheck, Read, ListObjects, ListUsers, Expand, ReadChanges, and getting or
/// listing stores and models) run concurrently, each on a pooled SQLite connection of its own, and each sees
/// one committed state of the database from its start to its end: every Write that returned before it
/// started, and never part of a Write. Writes (Write, CreateStore, DeleteStore, WriteAuthorizationModel) run
/// one at a time on the single writer connection and do not wait for reads. The database is in WAL mode; the
/// in-memory default is a private temporary file, deleted on <see cref="Dispose"/> (see
/// <see cref="EmbeddedOpenFgaOptions.ConnectionString"/>).
/// </para>
/// </remarks>
public sealed partial class EmbeddedOpenFga : IDisposable
{
    private readonly Lock _writeGate = new();
    private readonly FgaDatabase _database;
    private readonly EmbeddedOpenFgaOptions _options;
    private readonly UlidGenerator _ids;
    private readonly ConcurrentDictionary<(string Store, string Model), AuthorizationTypeSystem> _models = new();
    private bool _disposed;

    /// <summary>Opens (creating when needed) the engine's database.</summary>
    public EmbeddedOpenFga(EmbeddedOpenFgaOptions? options = null)
    {
        _options = options ?? new EmbeddedOpenFgaOptions();
        _ids = new UlidGenerator(_options.TimeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.ReadConnections, 1, "options.ReadConnections");
        _database = new FgaDatabase(_options.ConnectionString, _options.Synchronous, _options.ReadConnections, typeof(EmbeddedOpenFga));
    }

    /// <summary>The settings this engine runs with.</summary>
    public EmbeddedOpenFgaOptions Options => _options;

    /// <summary>Creates a store.</summary>
    public Task<Store> CreateStoreAsync(CreateStoreRequest request, CancellationToken cancellationToken = default) =>
        Write(writer =>
        {
            ArgumentNullException.ThrowIfNull(request);
            var name = request.Name ?? "";
            if (!StoreName().IsMatch(name))
            {
                throw FgaEngineException.Validation($"invalid CreateStoreRequest.Name: value does not match regex pattern \"^[a-zA-Z0-9\\s\\.\\-\\/^_&@]{{3,64}}$\"");
            }

            var id = _ids.Next();
            var now = _options.TimeProvider.GetUtcNow();
            writer.InsertStore(id, name, now.ToUnixTimeMilliseconds());
            return new Store { Id = id, Name = name, CreatedAt = now, UpdatedAt = now };
        }, cancellationToken);

    /// <summary>Reads a store; 404 <c>store_id_not_found</c> when it does not exist.</summary>
    public Task<Store> GetStoreAsync(string storeId, CancellationToken cancellationToken = default) =>
        Read(reader => ToStore(RequireStore(reader, storeId)), cancellationToken);

    /// <summary>Lists stores, optionally only those with an exact name.</summary>
    internal Task<ListStoresResponse> ListStoresAsync(int? pageSize = null, string? continuationToken = null, string? name = null, CancellationToken cancellationToken = default) =>
        Read(reader =>
        {
            var size = PageSize(pageSize);
            var rows = reader.ListStores(string.IsNullOrEmpty(name) ? null : name, ContinuationToken.Decode(continuationToken), size + 1);
            var page = rows.Take(size).Select(ToStore).ToList();
            return new ListStoresResponse
            {
                Stores = page,
                ContinuationToken = rows.Count > size ? ContinuationToken.Encode(page[^1].Id) : "",
            };
        }, cancellationToken);

    /// <summary>Deletes a store with its models, tuples and changelog.</summary>
    public Task DeleteStoreAsync(string storeId, CancellationToken cancellationToken = default) =>
        Write(writer =>
        {
            RequireStore(writer.Reader, storeId);
            writer.DeleteStore(storeId, _options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds());

            // A read that started before the delete may still cache one of these models afterwards; the entry
            // is only unused memory, since every request first finds its store in the database.
            foreach (var key in _models.Keys.Where(k => k.Store == storeId))
            {
                _models.TryRemove(key, out _);
            }

            return true;
        }, cancellationToken);

    /// <summary>
    /// Closes the database once the reads and the write in progress have finished; later requests fail with
    /// <see cref="ObjectDisposedException"/>. Must not be called from inside a request.
    /// </summary>
    public void Dispose()
    {
        lock (_writeGate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _database.Dispose();
    }

    /// <summary>Called inside every read, with its reader rented and its transaction begun; tests hold reads in flight with it.</summary>
    internal Action? WhileReading { get; set; }

    /// <summary>
    /// Runs a read on a pooled reader, inside one read transaction. SQLite's work is synchronous, so the task is
    /// already complete when returned; failures travel in the task, as with any asynchronous API.
    /// </summary>
    private Task<T> Read<T>(Func<FgaReader, T> operation, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        try
        {
            var reader = _database.RentReader();
            try
            {
                reader.BeginSnapshot();
                WhileReading?.Invoke();
                return Task.FromResult(operation(reader));
            }
            finally
            {
                // SQLite may already have ended the transaction after an error; a reader still inside one is
                // closed rather than pooled.
                if (!reader.IsIdle)
                {
                    reader.EndSnapshot();
                }

                _database.ReturnReader(reader);
            }
        }
        catch (Exception e)
        {
            return Task.FromException<T>(e);
        }
    }

    /// <summary>Runs a write on the writer connection, one at a time; the task is complete when returned, as for reads.</summary>
    private Task<T> Write<T>(Func<FgaWriter, T> operation, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        try
        {
            lock (_writeGate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                return Task.FromResult(operation(_database.Writer));
            }
        }
        catch (Exception e)
        {
            return Task.FromException<T>(e);
        }
    }

    private static StoreRow RequireStore(FgaReader reader, string storeId) =>
        reader.GetStore(storeId ?? "") ?? throw new FgaEngineException(FgaErrorCode.StoreIdNotFound, "store_id not found");

    /// <summary>The model to use: the given id, or the store's latest.</summary>
    private AuthorizationTypeSystem ResolveModel(FgaReader reader, string storeId, string? modelId)
    {
        RequireStore(reader, storeId);
        if (string.IsNullOrEmpty(modelId))
        {
            var latest = reader.GetLatestModel(storeId)
                ?? throw new FgaEngineException(FgaErrorCode.LatestAuthorizationModelNotFound, $"No authorization models found for store '{storeId}'");
            return _models.GetOrAdd((storeId, latest.Id), _ => Load(latest.Id, latest.Body));
        }

        if (_models.TryGetValue((storeId, modelId), out var cached))
        {
            return cached;
        }

        var body = reader.GetModelBody(storeId, modelId)
            ?? throw new FgaEngineException(FgaErrorCode.AuthorizationModelNotFound, $"Authorization Model '{modelId}' not found");
        return _models.GetOrAdd((storeId, modelId), _ => Load(modelId, body));
    }

    private static AuthorizationTypeSystem Load(string id, string body) =>
        AuthorizationTypeSystem.Build(id, JsonSerializer.Deserialize(body, FgaApiJsonContext.Default.AuthorizationModel)!);

    private static Store ToStore(StoreRow row) => new()
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
