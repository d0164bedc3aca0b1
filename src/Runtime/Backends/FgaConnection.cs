namespace TypedFga.Backends;

/// <summary>Where operations go: an OpenFGA store and, optionally, a pinned authorization model.</summary>
/// <param name="Name">The connection's name in configuration (<c>default</c> for the top-level settings).</param>
/// <param name="StoreId">The OpenFGA store id.</param>
/// <param name="AuthorizationModelId">The model id sent with every request; null means the store's latest model.</param>
public sealed record FgaConnection(string Name, string StoreId, string? AuthorizationModelId);
