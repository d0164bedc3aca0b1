using Microsoft.Extensions.Diagnostics.HealthChecks;
using TypedFga.Diagnostics;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds TypedFga's health checks.</summary>
public static class FgaHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="WriteBehindHealthCheck"/>: degraded while dead letters exist or the oldest pending operation
    /// is long overdue. Requires <c>AddFga</c>.
    /// </summary>
    public static IHealthChecksBuilder AddFgaWriteBehind(
        this IHealthChecksBuilder builder,
        string name = "fga-write-behind",
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddCheck<WriteBehindHealthCheck>(name, failureStatus, tags ?? []);
    }
}
