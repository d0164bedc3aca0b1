using Microsoft.Extensions.Configuration;

namespace TypedFga.Server.Configuration;

/// <summary>Reads <see cref="ServerOptions"/> from configuration and reports every invalid setting at once.</summary>
public static class ServerOptionsReader
{
    /// <summary>Reads and validates the settings; throws <see cref="InvalidOperationException"/> listing every problem.</summary>
    public static ServerOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new ServerOptions();
        configuration.GetSection("Datastore").Bind(options.Datastore);
        configuration.GetSection("Http").Bind(options.Http);
        var authn = configuration.GetSection("Authn");
        options.Authn.Method = authn["Method"] ?? AuthnOptions.None;
        options.Authn.PresharedKeys = ReadKeys(authn.GetSection("PresharedKeys"));

        var problems = Validate(options);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Invalid server configuration: " + string.Join(" ", problems));
        }

        return options;
    }

    /// <summary>Every problem of the settings, as sentences naming the configuration key.</summary>
    public static IReadOnlyList<string> Validate(ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        var engine = options.Datastore.Engine;
        if (!IsOneOf(engine, DatastoreOptions.Memory, DatastoreOptions.Sqlite))
        {
            problems.Add($"Datastore:Engine must be 'memory' or 'sqlite', not '{engine}'.");
        }
        else if (IsOneOf(engine, DatastoreOptions.Sqlite) && string.IsNullOrWhiteSpace(options.Datastore.Uri))
        {
            problems.Add("Datastore:Uri must name the SQLite file when Datastore:Engine is 'sqlite'.");
        }

        if (!IsOneOf(options.Datastore.Synchronous, "NORMAL", "FULL", "OFF"))
        {
            problems.Add($"Datastore:Synchronous must be NORMAL, FULL or OFF, not '{options.Datastore.Synchronous}'.");
        }

        if (!IsOneOf(options.Authn.Method, AuthnOptions.None, AuthnOptions.Preshared))
        {
            problems.Add($"Authn:Method must be 'none' or 'preshared', not '{options.Authn.Method}'.");
        }
        else if (IsOneOf(options.Authn.Method, AuthnOptions.Preshared) && options.Authn.PresharedKeys.Count == 0)
        {
            problems.Add("Authn:PresharedKeys must list at least one key when Authn:Method is 'preshared'.");
        }

        if (options.Http.MaxRequestBodyBytes < 1024)
        {
            problems.Add($"Http:MaxRequestBodyBytes must be at least 1024, not {options.Http.MaxRequestBodyBytes}.");
        }

        return problems;
    }

    /// <summary>The SQLite connection string the engine opens.</summary>
    public static string ConnectionString(DatastoreOptions datastore)
    {
        ArgumentNullException.ThrowIfNull(datastore);
        if (IsOneOf(datastore.Engine, DatastoreOptions.Memory))
        {
            return "Data Source=:memory:";
        }

        var uri = datastore.Uri!.Trim();
        return uri.Contains("Data Source=", StringComparison.OrdinalIgnoreCase) ? uri : "Data Source=" + Path.GetFullPath(uri);
    }

    private static string[] ReadKeys(IConfigurationSection section)
    {
        // An array (PresharedKeys:0, PresharedKeys:1) or one comma-separated value, as OpenFGA's
        // OPENFGA_AUTHN_PRESHARED_KEYS takes it.
        var values = section.GetChildren().Select(c => c.Value).ToList();
        if (values.Count == 0)
        {
            values.Add(section.Value);
        }

        return values
            .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToArray();
    }

    private static bool IsOneOf(string? value, params string[] accepted) =>
        accepted.Any(a => string.Equals(a, value?.Trim(), StringComparison.OrdinalIgnoreCase));
}
