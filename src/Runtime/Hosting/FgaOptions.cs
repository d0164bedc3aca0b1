using TypedFga.Flushing;

namespace TypedFga.Hosting;

/// <summary>The runtime's settings, bound from the <c>Fga</c> configuration section.</summary>
public sealed class FgaOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Fga";

    /// <summary>The name of the connection built from the top-level <see cref="StoreId"/> and <see cref="AuthorizationModelId"/>.</summary>
    public const string DefaultConnectionName = "default";

    /// <summary>Which service to talk to. Default: OpenFGA when <see cref="ApiUrl"/> is set, else the embedded engine.</summary>
    public FgaBackendKind Backend { get; set; }

    /// <summary>The OpenFGA server's URL, for example <c>http://localhost:8080</c>.</summary>
    public string? ApiUrl { get; set; }

    /// <summary>The default connection's store id.</summary>
    public string? StoreId { get; set; }

    /// <summary>The default connection's authorization model id.</summary>
    public string? AuthorizationModelId { get; set; }

    /// <summary>Further named connections, for applications that write to several stores.</summary>
    public IDictionary<string, FgaConnectionOptions> Connections { get; set; } =
        new Dictionary<string, FgaConnectionOptions>(StringComparer.Ordinal);

    /// <summary>The embedded engine's settings.</summary>
    public EmbeddedEngineOptions Embedded { get; set; } = new();

    /// <summary>The in-process check cache (<c>Fga:Cache</c>); off by default.</summary>
    public TypedFga.Caching.CheckCacheOptions Cache { get; set; } = new();

    /// <summary>The write-behind settings (<c>Fga:WriteBehind</c>).</summary>
    public FgaWriteBehindOptions WriteBehind { get; set; } = new();

    /// <summary>The backend in effect once <see cref="FgaBackendKind.Auto"/> is resolved.</summary>
    public FgaBackendKind ResolveBackend() => Backend switch
    {
        FgaBackendKind.Auto => string.IsNullOrWhiteSpace(ApiUrl) ? FgaBackendKind.Embedded : FgaBackendKind.OpenFga,
        _ => Backend,
    };
}

/// <summary>
/// <c>Fga:WriteBehind</c>: whether grants and revokes are buffered, and the schedule keys that belong to the
/// hosting layer. The outbox and flusher settings in the same section bind to <see cref="WriteBehindOptions"/>.
/// </summary>
public sealed class FgaWriteBehindOptions
{
    /// <summary>
    /// Buffer grants and revokes in the durable outbox. Default true. With false every write goes straight
    /// to OpenFGA through the same API (the migration path from synchronous writes).
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// A Quartz cron expression for an additional periodic flush, for example <c>0 0/5 * * * ?</c>
    /// (every five minutes). Default: none.
    /// </summary>
    public string? PeriodicFlush { get; set; }

    /// <summary>Flush pending operations when the host stops, within its shutdown timeout. Default true.</summary>
    public bool FlushOnShutdown { get; set; } = true;
}
