using System.Globalization;
using System.Text;
using System.Text.Json;
using TypedFga.Wire;

namespace TypedFga.OpenFga;

public sealed partial class OpenFgaHttpClient
{
    /// <summary>Lists one page of stores.</summary>
    /// <param name="pageSize">1 to 100; null for the server's default (50).</param>
    /// <param name="continuationToken">The token of the page to read, from the previous page.</param>
    /// <param name="name">Only the stores with exactly this name (OpenFGA 1.8.3 and later).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    internal Task<ListStoresResponse> ListStoresAsync(
        int? pageSize = null, string? continuationToken = null, string? name = null, CancellationToken cancellationToken = default)
    {
        var query = new QueryString()
            .Add("page_size", pageSize?.ToString(CultureInfo.InvariantCulture))
            .Add("continuation_token", continuationToken)
            .Add("name", name);
        return SendAsync(HttpMethod.Get, "stores" + query, FgaApiJsonContext.Default.ListStoresResponse, cancellationToken);
    }

    /// <summary>Creates a store.</summary>
    public Task<Store> CreateStoreAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return SendAsync(
            HttpMethod.Post, "stores", new CreateStoreRequest { Name = name },
            FgaApiJsonContext.Default.CreateStoreRequest, FgaApiJsonContext.Default.Store, cancellationToken);
    }

    /// <summary>Reads a store; <paramref name="storeId"/> defaults to <see cref="OpenFgaClientOptions.StoreId"/>.</summary>
    public Task<Store> GetStoreAsync(string? storeId = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"stores/{StoreIdFor(storeId)}", FgaApiJsonContext.Default.Store, cancellationToken);

    /// <summary>Deletes a store; <paramref name="storeId"/> defaults to <see cref="OpenFgaClientOptions.StoreId"/>.</summary>
    public async Task DeleteStoreAsync(string? storeId = null, CancellationToken cancellationToken = default)
    {
        using var response = await SendCoreAsync(HttpMethod.Delete, $"stores/{StoreIdFor(storeId)}", content: null, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Lists one page of the store's authorization models, newest first.</summary>
    internal Task<ReadAuthorizationModelsResponse> ReadAuthorizationModelsAsync(
        int? pageSize = null, string? continuationToken = null, string? storeId = null, CancellationToken cancellationToken = default)
    {
        var query = new QueryString()
            .Add("page_size", pageSize?.ToString(CultureInfo.InvariantCulture))
            .Add("continuation_token", continuationToken);
        return SendAsync(
            HttpMethod.Get, $"stores/{StoreIdFor(storeId)}/authorization-models" + query,
            FgaApiJsonContext.Default.ReadAuthorizationModelsResponse, cancellationToken);
    }

    /// <summary>Reads one authorization model by id.</summary>
    internal Task<ReadAuthorizationModelResponse> ReadAuthorizationModelAsync(
        string authorizationModelId, string? storeId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(authorizationModelId);
        return SendAsync(
            HttpMethod.Get, $"stores/{StoreIdFor(storeId)}/authorization-models/{Uri.EscapeDataString(authorizationModelId)}",
            FgaApiJsonContext.Default.ReadAuthorizationModelResponse, cancellationToken);
    }

    /// <summary>Reads the store's newest authorization model; null when the store has none.</summary>
    internal async Task<AuthorizationModel?> ReadLatestAuthorizationModelAsync(string? storeId = null, CancellationToken cancellationToken = default)
    {
        var page = await ReadAuthorizationModelsAsync(pageSize: 1, storeId: storeId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return page.AuthorizationModels is [var latest, ..] ? latest : null;
    }

    /// <summary>
    /// Writes an authorization model given as OpenFGA JSON (<c>{"schema_version", "type_definitions", "conditions"}</c>),
    /// sent as is.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="modelJson"/> is not a JSON object.</exception>
    public Task<WriteAuthorizationModelResponse> WriteAuthorizationModelAsync(
        string modelJson, string? storeId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelJson);
        try
        {
            using var document = JsonDocument.Parse(modelJson);
            return WriteAuthorizationModelAsync(document.RootElement, storeId, cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The authorization model is not valid JSON: {ex.Message}", nameof(modelJson), ex);
        }
    }

    /// <summary>Writes an authorization model given as an OpenFGA JSON object, sent as is.</summary>
    /// <exception cref="ArgumentException"><paramref name="model"/> is not a JSON object.</exception>
    internal async Task<WriteAuthorizationModelResponse> WriteAuthorizationModelAsync(
        JsonElement model, string? storeId = null, CancellationToken cancellationToken = default)
    {
        if (model.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"The authorization model must be a JSON object, not {model.ValueKind}.", nameof(model));
        }

        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(model.GetRawText()));
        content.Headers.ContentType = new("application/json");
        using var response = await SendCoreAsync(HttpMethod.Post, $"stores/{StoreIdFor(storeId)}/authorization-models", content, cancellationToken)
            .ConfigureAwait(false);
        return await ReadAsync(response, FgaApiJsonContext.Default.WriteAuthorizationModelResponse, cancellationToken).ConfigureAwait(false);
    }
}
