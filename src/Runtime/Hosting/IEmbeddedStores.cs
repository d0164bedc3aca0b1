using TypedFga.Backends;
using TypedFga.Wire;

namespace TypedFga.Hosting;

/// <summary>
/// The embedded engine as the hosting needs it: its backend, and the stores and models it keeps itself, which the
/// connection registry prepares on first use. Implemented by the <c>TypedFga.Embedded</c> assembly.
/// </summary>
internal interface IEmbeddedStores
{
    IFgaBackend Backend { get; }

    Task<string?> FindStoreAsync(string name);

    Task<string> CreateStoreAsync(string name);

    Task<AuthorizationModel?> ReadLatestModelAsync(string storeId);

    Task<string> WriteModelAsync(string storeId, string modelJson);
}
