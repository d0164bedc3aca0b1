using System.CommandLine;
using TypedFga.Cli.Reporting;
using TypedFga.Flushing;
using TypedFga.Hosting;
using TypedFga.OpenFga;

namespace TypedFga.Cli.Configuration;

/// <summary>
/// The options that say where the outbox and the server are. Each one overrides the application's setting of the
/// same meaning, which <c>--config</c> and <c>Fga__...</c> environment variables supply otherwise.
/// </summary>
internal sealed class SettingsOptions
{
    public Option<FileInfo?> Config { get; } = new("--config")
    {
        Description = "An appsettings.json with the application's Fga section (Fga:ApiUrl, Fga:Credentials, Fga:WriteBehind:Outbox, ...).",
        Recursive = true,
    };

    public Option<string?> Outbox { get; } = new("--outbox") { Description = "The outbox file; default: Fga:WriteBehind:Outbox." };

    public Option<string?> Store { get; } = new("--store")
    {
        Description = "Where the outbox is: sqlite (a file, --outbox) or postgresql (a shared database, --connection); default: Fga:WriteBehind:Store.",
    };

    public Option<string?> Connection { get; } = new("--connection")
    {
        Description = "The PostgreSQL connection string of a shared outbox (Host=...;Database=...;Username=...); default: Fga:WriteBehind:ConnectionString.",
    };

    public Option<string?> ApiUrl { get; } = new("--api-url") { Description = "The OpenFGA server, for example http://localhost:8080; default: Fga:ApiUrl." };

    public Option<string?> ApiToken { get; } = new("--api-token") { Description = "A bearer token for the server; default: Fga:Credentials." };

    public Option<string?> StoreId { get; } = new("--store-id") { Description = "The store; default: Fga:StoreId." };

    /// <summary>The configuration for one invocation: the file, then the environment, then the options given.</summary>
    public ToolConfiguration Read(ParseResult result)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (result.GetValue(Outbox) is { Length: > 0 } outbox)
        {
            overrides[ToolConfiguration.Key(WriteBehindOptions.SectionName, nameof(WriteBehindOptions.Outbox))] = outbox;
        }

        if (result.GetValue(Store) is { Length: > 0 } store)
        {
            overrides[ToolConfiguration.Key(WriteBehindOptions.SectionName, nameof(WriteBehindOptions.Store))] = store.ToLowerInvariant() switch
            {
                "sqlite" => nameof(OutboxStoreKind.Sqlite),
                "postgresql" or "postgres" => nameof(OutboxStoreKind.PostgreSql),
                _ => throw new CommandFailedException($"--store must be sqlite or postgresql (was '{store}').", ExitCodes.Usage),
            };
        }

        if (result.GetValue(Connection) is { Length: > 0 } connection)
        {
            overrides[ToolConfiguration.Key(WriteBehindOptions.SectionName, nameof(WriteBehindOptions.ConnectionString))] = connection;
        }

        if (result.GetValue(ApiUrl) is { } url)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
            {
                throw new CommandFailedException($"--api-url must be an absolute http or https URL (was '{url}').", ExitCodes.Usage);
            }

            overrides[ToolConfiguration.Key(FgaOptions.SectionName, nameof(FgaOptions.ApiUrl))] = url;
        }

        if (result.GetValue(ApiToken) is { Length: > 0 } token)
        {
            var credentials = ToolConfiguration.Key(OpenFgaClientOptions.SectionName, nameof(OpenFgaClientOptions.Credentials));
            overrides[ToolConfiguration.Key(credentials, nameof(OpenFgaCredentials.Method))] = nameof(OpenFgaCredentialsMethod.ApiToken);
            overrides[ToolConfiguration.Key(credentials, nameof(OpenFgaCredentials.ApiToken))] = token;
        }

        if (result.GetValue(StoreId) is { Length: > 0 } storeId)
        {
            overrides[ToolConfiguration.Key(FgaOptions.SectionName, nameof(FgaOptions.StoreId))] = storeId;
        }

        return ToolConfiguration.Build(result.GetValue(Config), overrides);
    }
}
