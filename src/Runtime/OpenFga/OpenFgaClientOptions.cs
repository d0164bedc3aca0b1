namespace TypedFga.OpenFga;

/// <summary>
/// Settings of <see cref="OpenFgaHttpClient"/>: where the server is, which store and model to use,
/// how to authenticate, and how long to wait and retry. Bound from the <c>Fga</c> configuration section.
/// </summary>
public sealed class OpenFgaClientOptions
{
    /// <summary>The configuration section these options are usually bound from.</summary>
    public const string SectionName = "Fga";

    /// <summary>The server's base address, for example <c>http://localhost:8080</c>. A path prefix is kept.</summary>
    public Uri? ApiUrl { get; set; } = new("http://localhost:8080");

    /// <summary>The store used when a call does not name one.</summary>
    public string? StoreId { get; set; }

    /// <summary>The model sent with every request that does not name one.</summary>
    public string? AuthorizationModelId { get; set; }

    /// <summary>How the client authenticates.</summary>
    public OpenFgaCredentials Credentials { get; set; } = new();

    /// <summary>How long one attempt may take before it is abandoned (and retried). Default 10 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long opening a connection may take. Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after the first attempt, 0 to 15. Default 3.</summary>
    public int MaxRetry { get; set; } = 3;

    /// <summary>The base of the exponential backoff in milliseconds. Default 100.</summary>
    public int MinWaitInMs { get; set; } = 100;

    /// <summary>Checks per server BatchCheck call, 1 to 50. Default 50.</summary>
    public int MaxBatchCheckSize { get; set; } = 50;

    /// <summary>Server calls one client call may have in flight at once (BatchCheck). Default 10.</summary>
    public int MaxParallelRequests { get; set; } = 10;
}

/// <summary>How <see cref="OpenFgaHttpClient"/> authenticates to the server.</summary>
public sealed class OpenFgaCredentials
{
    /// <summary>The authentication method. Default <see cref="OpenFgaCredentialsMethod.None"/>.</summary>
    public OpenFgaCredentialsMethod Method { get; set; } = OpenFgaCredentialsMethod.None;

    /// <summary>The static token sent as <c>Authorization: Bearer</c> with <see cref="OpenFgaCredentialsMethod.ApiToken"/>.</summary>
    public string? ApiToken { get; set; }

    /// <summary>
    /// The OAuth token endpoint or issuer for <see cref="OpenFgaCredentialsMethod.ClientCredentials"/>.
    /// An issuer without a path gets <c>/oauth/token</c>; one without a scheme gets <c>https://</c>.
    /// </summary>
    public string? ApiTokenIssuer { get; set; }

    /// <summary>The <c>audience</c> of the token request, if the issuer needs one.</summary>
    public string? ApiAudience { get; set; }

    /// <summary>The OAuth client id.</summary>
    public string? ClientId { get; set; }

    /// <summary>The OAuth client secret.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The <c>scope</c> of the token request (space-separated), if any.</summary>
    public string? Scopes { get; set; }
}

/// <summary>The ways <see cref="OpenFgaHttpClient"/> can authenticate.</summary>
public enum OpenFgaCredentialsMethod
{
    /// <summary>No <c>Authorization</c> header.</summary>
    None = 0,

    /// <summary>A static bearer token (OpenFGA's pre-shared keys).</summary>
    ApiToken = 1,

    /// <summary>An OAuth 2.0 client-credentials token, fetched and refreshed before it expires.</summary>
    ClientCredentials = 2,
}
