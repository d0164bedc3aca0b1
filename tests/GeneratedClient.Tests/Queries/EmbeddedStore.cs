using TypedFga.Embedded;
using TypedFga.Wire;

namespace TypedFga.GeneratedClient.Tests.Queries;

/// <summary>An in-memory embedded engine with one store holding the repository's model.fga, and a client over it.</summary>
internal sealed class EmbeddedStore : IDisposable
{
    private readonly EmbeddedOpenFga _engine;

    private EmbeddedStore(EmbeddedOpenFga engine, IFgaClient client)
    {
        _engine = engine;
        Client = client;
    }

    public IFgaClient Client { get; }

    public static async Task<EmbeddedStore> CreateAsync()
    {
        var engine = new EmbeddedOpenFga();
        var store = await engine.CreateStoreAsync(new CreateStoreRequest { Name = "typed-queries" });
        await engine.WriteAuthorizationModelAsync(store.Id, Fga.Model.Json);
        return new EmbeddedStore(engine, new EmbeddedFgaClient(engine, store.Id));
    }

    public void Dispose() => _engine.Dispose();
}
