using Microsoft.Extensions.Options;

namespace TypedFga.Diagnostics;

/// <summary>Checks <see cref="WriteBehindHealthCheckOptions"/> and reports every problem at once.</summary>
public sealed class WriteBehindHealthCheckOptionsValidator : IValidateOptions<WriteBehindHealthCheckOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WriteBehindHealthCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Check(options, string.IsNullOrEmpty(name) ? "The write-behind health check" : $"The health check '{name}'");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static List<string> Check(WriteBehindHealthCheckOptions options, string subject)
    {
        var failures = new List<string>();
        if (options.MaxPending < 0)
        {
            failures.Add($"{subject}: MaxPending must be null (not checked) or at least 0 (was {options.MaxPending}).");
        }

        if (options.MaxPendingAge <= TimeSpan.Zero)
        {
            failures.Add($"{subject}: MaxPendingAge must be null (the default) or positive (was {options.MaxPendingAge}).");
        }

        return failures;
    }
}
