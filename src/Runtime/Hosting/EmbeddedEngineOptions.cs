namespace TypedFga.Hosting;

/// <summary>Settings of the embedded engine backend (<c>Fga:Embedded</c>).</summary>
public sealed class EmbeddedEngineOptions
{
    /// <summary>
    /// The SQLite file holding the engine's stores and tuples. Default (null): in memory, so tuples last as long
    /// as the process. Keep a file outside a web application's content root.
    /// </summary>
    public string? Database { get; set; }

    /// <summary>The name of the store created for the default connection when <c>Fga:StoreId</c> is not set.</summary>
    public string StoreName { get; set; } = "default";
}
