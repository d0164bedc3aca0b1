using Microsoft.Extensions.Configuration;
using TypedFga.Cli.Reporting;
using TypedFga.Flushing;
using TypedFga.Hosting;
using TypedFga.OpenFga;

namespace TypedFga.Cli.Configuration;

/// <summary>
/// The application's <c>Fga</c> settings as the tool sees them, bound to the runtime's own option classes from the
/// sections the runtime binds them from, so a key means here what it means in the application.
/// </summary>
internal sealed class ToolConfiguration(IConfiguration configuration)
{
    private static readonly string ApiUrlKey = Key(FgaOptions.SectionName, nameof(FgaOptions.ApiUrl));
    private static readonly string StoreIdKey = Key(FgaOptions.SectionName, nameof(FgaOptions.StoreId));
    private static readonly string OutboxKey = Key(WriteBehindOptions.SectionName, nameof(WriteBehindOptions.Outbox));

    /// <summary>Layers the sources as a host does: the file, then environment variables (<c>Fga__ApiUrl</c>), then <paramref name="overrides"/>.</summary>
    public static ToolConfiguration Build(FileInfo? file, IReadOnlyDictionary<string, string?> overrides)
    {
        var builder = new ConfigurationBuilder();
        if (file is not null)
        {
            if (!file.Exists)
            {
                throw new CommandFailedException($"No configuration file at '{file.FullName}'.", ExitCodes.Usage);
            }

            builder.AddJsonFile(file.FullName, optional: false, reloadOnChange: false);
        }

        builder.AddEnvironmentVariables().AddInMemoryCollection(overrides);
        try
        {
            return new ToolConfiguration(builder.Build());
        }
        catch (Exception exception) when (exception is InvalidDataException or FormatException)
        {
            // The JSON provider wraps the parser's message, which says where the file goes wrong.
            throw new CommandFailedException(
                $"The configuration file '{file?.FullName}' is not valid JSON: {exception.GetBaseException().Message}", ExitCodes.Usage);
        }
    }

    public static string Key(string section, string name) => section + ConfigurationPath.KeyDelimiter + name;

    /// <summary>The outbox's path; an error when neither <c>--outbox</c> nor the setting names one.</summary>
    public string OutboxPath =>
        // The runtime's default location depends on the application's name, which the tool does not know.
        configuration[OutboxKey] is { Length: > 0 } path
            ? Path.GetFullPath(path)
            : throw new CommandFailedException($"No outbox: pass --outbox, or set {OutboxKey} (--config, or the Fga__WriteBehind__Outbox environment variable).", ExitCodes.Usage);

    /// <summary>The store id given by <c>--store-id</c> or <c>Fga:StoreId</c>; an error when there is none.</summary>
    public string StoreId =>
        configuration[StoreIdKey] is { Length: > 0 } id
            ? id
            : throw new CommandFailedException($"No store: pass --store-id, or set {StoreIdKey}.", ExitCodes.Usage);

    /// <summary>The flusher's settings (<c>Fga:WriteBehind</c>: batch sizes, backoff, lease, ...), checked as at an application's start.</summary>
    public WriteBehindOptions WriteBehind(OutboxStoreKind? store = null)
    {
        var section = configuration.GetSection(WriteBehindOptions.SectionName);
        var options = new WriteBehindOptions();
        Bind(section, options);
        options.Store = store ?? options.Store;
        if (options.Store == OutboxStoreKind.Sqlite)
        {
            options.Outbox = OutboxPath;
        }
        else if (string.IsNullOrWhiteSpace(options.ConnectionString) && options.ConnectionStringName is { Length: > 0 } name)
        {
            // As in AddFga: a named connection string of the ConnectionStrings section.
            options.ConnectionString = configuration.GetConnectionString(name);
        }

        // As in AddFga: a configured backoff list replaces the defaults instead of being appended to them.
        var backoff = section.GetSection(nameof(WriteBehindOptions.Backoff));
        if (backoff.GetChildren().Any())
        {
            options.Backoff = backoff.Get<List<TimeSpan>>() ?? [];
        }

        ThrowIfInvalid(new WriteBehindOptionsValidator().Validate(null, options));
        return options;
    }

    /// <summary>
    /// The HTTP client's settings (<c>Fga:ApiUrl</c>, <c>Fga:Credentials</c>, timeouts, retries), checked as at an
    /// application's start; an error when no server is named, since the runtime's default would be a guess.
    /// </summary>
    public OpenFgaClientOptions Server()
    {
        if (string.IsNullOrWhiteSpace(configuration[ApiUrlKey]))
        {
            throw new CommandFailedException(
                $"No OpenFGA server: pass --api-url, or set {ApiUrlKey} (--config, or the Fga__ApiUrl environment variable).", ExitCodes.Usage);
        }

        var options = new OpenFgaClientOptions();
        Bind(configuration.GetSection(OpenFgaClientOptions.SectionName), options);

        ThrowIfInvalid(new OpenFgaClientOptionsValidator(FgaOptions.SectionName).Validate(null, options));
        return options;
    }

    // A value of the wrong type ("BatchSize": "many") fails the binding itself.
    private static void Bind(IConfigurationSection section, object options)
    {
        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException exception)
        {
            throw new CommandFailedException("invalid configuration: " + exception.Message, ExitCodes.Usage);
        }
    }

    private static void ThrowIfInvalid(Microsoft.Extensions.Options.ValidateOptionsResult result)
    {
        if (result.Failed)
        {
            throw new CommandFailedException("invalid configuration: " + string.Join(" ", result.Failures ?? []), ExitCodes.Usage);
        }
    }
}
