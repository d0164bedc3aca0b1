namespace TypedFga.Server.Configuration;

/// <summary>
/// The server's settings, read from appsettings.json, environment variables (<c>Datastore__Engine=sqlite</c>)
/// and the command line (<c>--Datastore:Engine=sqlite</c>). The listening address is ASP.NET Core's own
/// <c>--urls</c> setting; when it is not given the server listens on <see cref="DefaultUrl"/>.
/// </summary>
public sealed class ServerOptions
{
    /// <summary>The address used when <c>--urls</c> (or <c>ASPNETCORE_URLS</c>) is not set.</summary>
    public const string DefaultUrl = "http://127.0.0.1:8080";

    /// <summary>Where tuples, models and stores are kept.</summary>
    public DatastoreOptions Datastore { get; set; } = new();

    /// <summary>How callers authenticate.</summary>
    public AuthnOptions Authn { get; set; } = new();

    /// <summary>Limits of the HTTP layer.</summary>
    public HttpLimitsOptions Http { get; set; } = new();
}

/// <summary>The datastore: <c>memory</c> (the default; gone when the process ends) or <c>sqlite</c> with a file path.</summary>
public sealed class DatastoreOptions
{
    /// <summary>The in-memory engine value of <see cref="Engine"/>.</summary>
    public const string Memory = "memory";

    /// <summary>The SQLite file engine value of <see cref="Engine"/>.</summary>
    public const string Sqlite = "sqlite";

    /// <summary><c>memory</c> or <c>sqlite</c> (OpenFGA: <c>OPENFGA_DATASTORE_ENGINE</c>).</summary>
    public string Engine { get; set; } = Memory;

    /// <summary>
    /// For <c>sqlite</c>: the database file's path, or a full SQLite connection string (one that contains
    /// <c>Data Source=</c>). Keep the file outside the content root: the host watches that folder.
    /// </summary>
    public string? Uri { get; set; }

    /// <summary>SQLite's <c>synchronous</c> setting for a file database: <c>NORMAL</c> (default), <c>FULL</c> or <c>OFF</c>.</summary>
    public string Synchronous { get; set; } = "NORMAL";
}

/// <summary>Authentication: <c>none</c> (the default) or <c>preshared</c> bearer keys.</summary>
public sealed class AuthnOptions
{
    /// <summary>The value of <see cref="Method"/> that turns authentication off.</summary>
    public const string None = "none";

    /// <summary>The value of <see cref="Method"/> that requires one of <see cref="PresharedKeys"/>.</summary>
    public const string Preshared = "preshared";

    /// <summary><c>none</c> or <c>preshared</c> (OpenFGA: <c>OPENFGA_AUTHN_METHOD</c>).</summary>
    public string Method { get; set; } = None;

    /// <summary>
    /// The accepted keys, sent as <c>Authorization: Bearer &lt;key&gt;</c>. Configure them as an array
    /// (<c>Authn:PresharedKeys:0</c>) or as one comma-separated value (<c>Authn:PresharedKeys=k1,k2</c>).
    /// </summary>
    public IReadOnlyList<string> PresharedKeys { get; set; } = [];
}

/// <summary>Limits applied before a request reaches the engine.</summary>
public sealed class HttpLimitsOptions
{
    /// <summary>The largest request body accepted, in bytes (512 KiB by default, as OpenFGA's gRPC receive limit).</summary>
    public long MaxRequestBodyBytes { get; set; } = 512 * 1024;
}
