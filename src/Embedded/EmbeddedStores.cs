using TypedFga.Backends;
using TypedFga.Hosting;
using TypedFga.Wire;

namespace TypedFga.Embedded;

/// <summary>The engine's stores and models, as the hosting's connection registry prepares them.</summary>
internal sealed class EmbeddedStores(EmbeddedOpenFga engine) : IEmbeddedStores
{
    public IFgaBackend Backend { get; } = new EmbeddedBackend(engine);

    public async Task<string?> FindStoreAsync(string name)
    {
        var existing = await engine.ListStoresAsync(name: name).ConfigureAwait(false);
        return existing.Stores.Count > 0 ? existing.Stores[0].Id : null;
    }

    public async Task<string> CreateStoreAsync(string name) =>
        (await engine.CreateStoreAsync(new CreateStoreRequest { Name = name }).ConfigureAwait(false)).Id;

    public async Task<AuthorizationModel?> ReadLatestModelAsync(string storeId) =>
        (await engine.ReadAuthorizationModelsAsync(storeId, pageSize: 1).ConfigureAwait(false)).AuthorizationModels is [var latest, ..] ? latest : null;

    public async Task<string> WriteModelAsync(string storeId, string modelJson) =>
        (await engine.WriteAuthorizationModelAsync(storeId, modelJson).ConfigureAwait(false)).AuthorizationModelId;
}
