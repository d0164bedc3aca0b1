using Microsoft.Extensions.Options;
using TypedFga.Outbox;

namespace TypedFga.Flushing;

/// <summary>
/// Checks <see cref="WriteBehindOptions"/> at start-up and reports every problem at once, each naming its
/// configuration key.
/// </summary>
public sealed class WriteBehindOptionsValidator : IValidateOptions<WriteBehindOptions>
{
    /// <summary>OpenFGA's own per-request ceiling; a larger chunk is always refused.</summary>
    public const int MaxTuplesPerWriteCeiling = 100;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WriteBehindOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string prefix = WriteBehindOptions.SectionName + ":";

        if (!Enum.IsDefined(options.Durability))
        {
            failures.Add($"{prefix}Durability must be Normal or Full (was {options.Durability}).");
        }

        if (!Enum.IsDefined(options.CriticalRelations))
        {
            failures.Add($"{prefix}CriticalRelations must be WriteThrough, Buffer or Reject (was {options.CriticalRelations}).");
        }

        ValidateStore(options, failures, prefix);

        if (options.Outbox is { } path && (path.Length == 0 || path.IndexOfAny(Path.GetInvalidPathChars()) >= 0 || path.EndsWith(Path.DirectorySeparatorChar)))
        {
            failures.Add($"{prefix}Outbox must be a file path (was '{path}').");
        }

        if (options.BatchSize < 1)
        {
            failures.Add($"{prefix}BatchSize must be at least 1 (was {options.BatchSize}).");
        }

        if (options.FlushInterval <= TimeSpan.Zero)
        {
            failures.Add($"{prefix}FlushInterval must be positive (was {options.FlushInterval}).");
        }

        if (options.MaxTuplesPerWrite is < 1 or > MaxTuplesPerWriteCeiling)
        {
            failures.Add($"{prefix}MaxTuplesPerWrite must be between 1 and {MaxTuplesPerWriteCeiling} (was {options.MaxTuplesPerWrite}).");
        }

        if (options.MaxParallelRequests < 1)
        {
            failures.Add($"{prefix}MaxParallelRequests must be at least 1 (was {options.MaxParallelRequests}).");
        }

        if (options.Backoff is null || options.Backoff.Count == 0)
        {
            failures.Add($"{prefix}Backoff must list at least one delay.");
        }
        else
        {
            for (var i = 0; i < options.Backoff.Count; i++)
            {
                if (options.Backoff[i] < TimeSpan.Zero)
                {
                    failures.Add($"{prefix}Backoff:{i} must not be negative (was {options.Backoff[i]}).");
                }
            }
        }

        if (options.MaxAttempts < 0)
        {
            failures.Add($"{prefix}MaxAttempts must be 0 (never give up) or positive (was {options.MaxAttempts}).");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{prefix}RequestTimeout must be positive (was {options.RequestTimeout}).");
        }

        if (options.LeaseDuration < options.RequestTimeout * 2)
        {
            failures.Add($"{prefix}LeaseDuration must be at least twice RequestTimeout (was {options.LeaseDuration}, RequestTimeout {options.RequestTimeout}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateStore(WriteBehindOptions options, List<string> failures, string prefix)
    {
        if (!Enum.IsDefined(options.Store))
        {
            failures.Add($"{prefix}Store must be Sqlite or PostgreSql (was {options.Store}).");
            return;
        }

        if (options.Store != OutboxStoreKind.PostgreSql)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add(options.ConnectionStringName is { Length: > 0 } name
                ? $"{prefix}ConnectionStringName names 'ConnectionStrings:{name}', which is not set."
                : $"{prefix}Store is PostgreSql: set {prefix}ConnectionString, or {prefix}ConnectionStringName to an entry of ConnectionStrings.");
            return;
        }

        if (SharedOutboxDiscovery.Find() is not { } provider)
        {
            failures.Add(prefix + SharedOutboxDiscovery.MissingPackageMessage);
        }
        else if (provider.ProblemWith(options.ConnectionString) is { } problem)
        {
            // The problem names the bad keyword; the connection string itself may hold a password and is not repeated.
            failures.Add($"{prefix}ConnectionString cannot be read: {problem}");
        }
    }
}
