namespace TypedFga.Hosting;

/// <summary>
/// A named connection (<c>Fga:Connections:&lt;name&gt;</c>): another store, for multi-tenant applications.
/// Operations made through it are flushed to its own store.
/// </summary>
public sealed class FgaConnectionOptions
{
    /// <summary>
    /// The store id. Required with the OpenFGA backend; with the embedded engine a store named after the
    /// connection is created (or reused) when it is not set.
    /// </summary>
    public string? StoreId { get; set; }

    /// <summary>The authorization model id; the model written at start (embedded) or the store's latest when not set.</summary>
    public string? AuthorizationModelId { get; set; }
}
