using Microsoft.Extensions.Options;
using Quartz;

namespace TypedFga.Hosting;

/// <summary>
/// Validates the <c>Fga</c> section at start and reports every problem at once, each naming its key.
/// The OpenFGA client's own settings are checked by <see cref="OpenFgaClientOptionsWhenInUseValidator"/>.
/// </summary>
public sealed class FgaOptionsValidator : IValidateOptions<FgaOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, FgaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Backend))
        {
            failures.Add($"Fga:Backend must be one of {string.Join(", ", Enum.GetNames<FgaBackendKind>())} (was '{options.Backend}').");
        }

        var backend = options.ResolveBackend();
        if (backend == FgaBackendKind.OpenFga)
        {
            ValidateRemote(options, failures);
        }
        else if (backend == FgaBackendKind.Embedded && string.IsNullOrWhiteSpace(options.Embedded.Database))
        {
            ValidateInMemory(options, failures);
        }

        foreach (var key in options.Connections.Keys.Where(key => string.IsNullOrWhiteSpace(key) || key == FgaOptions.DefaultConnectionName))
        {
            failures.Add($"Fga:Connections:{key} is not a valid connection name: it must be non-empty and not '{FgaOptions.DefaultConnectionName}'.");
        }

        if (!string.IsNullOrWhiteSpace(options.WriteBehind.PeriodicFlush) && !IsValidCron(options.WriteBehind.PeriodicFlush))
        {
            failures.Add($"Fga:WriteBehind:PeriodicFlush must be a Quartz cron expression such as '0 0/5 * * * ?' (was '{options.WriteBehind.PeriodicFlush}').");
        }

        if (options.Cache.Ttl <= TimeSpan.Zero)
        {
            failures.Add($"Fga:Cache:Ttl must be positive (was {options.Cache.Ttl}).");
        }

        if (options.Cache.MaxEntries < 1)
        {
            failures.Add($"Fga:Cache:MaxEntries must be at least 1 (was {options.Cache.MaxEntries}).");
        }

        if (string.IsNullOrWhiteSpace(options.Embedded.StoreName))
        {
            failures.Add("Fga:Embedded:StoreName must not be empty.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateRemote(FgaOptions options, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(options.StoreId))
        {
            failures.Add("Fga:StoreId is required with the OpenFGA backend.");
        }

        foreach (var (key, connection) in options.Connections.Where(pair => string.IsNullOrWhiteSpace(pair.Value.StoreId)))
        {
            failures.Add($"Fga:Connections:{key}:StoreId is required with the OpenFGA backend.");
        }
    }

    // A store id cannot name a store of an engine that starts empty on every run.
    private static void ValidateInMemory(FgaOptions options, List<string> failures)
    {
        if (!string.IsNullOrWhiteSpace(options.StoreId))
        {
            failures.Add("Fga:StoreId is set, but the embedded engine keeps its stores in memory and starts empty: remove it, or set Fga:Embedded:Database to a file.");
        }

        foreach (var key in options.Connections.Where(pair => !string.IsNullOrWhiteSpace(pair.Value.StoreId)).Select(pair => pair.Key))
        {
            failures.Add($"Fga:Connections:{key}:StoreId is set, but the embedded engine keeps its stores in memory: remove it, or set Fga:Embedded:Database to a file.");
        }
    }

    private static bool IsValidCron(string expression)
    {
        try
        {
            _ = new CronExpression(expression);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
