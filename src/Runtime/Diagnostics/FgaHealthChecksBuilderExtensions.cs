using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TypedFga.Diagnostics;
using TypedFga.Flushing;
using TypedFga.Outbox;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds TypedFga's health checks.</summary>
public static class FgaHealthChecksBuilderExtensions
{
    /// <summary>The default name of the write-behind health check.</summary>
    public const string DefaultName = "fga-write-behind";

    /// <summary>
    /// What the write-behind check reports a problem as unless told otherwise: the application still serves, but
    /// OpenFGA lags behind it, and restarting the process would not help.
    /// </summary>
    public const HealthStatus DefaultFailureStatus = HealthStatus.Degraded;

    /// <summary>
    /// Adds <see cref="WriteBehindHealthCheck"/> with thresholds set by <paramref name="configure"/>. Requires
    /// <c>AddFga</c>.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="configure">Sets the thresholds, e.g. <c>options => options.MaxPending = 10_000</c>.</param>
    public static IHealthChecksBuilder AddFgaWriteBehind(this IHealthChecksBuilder builder, Action<WriteBehindHealthCheckOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.AddFgaWriteBehind(DefaultName, failureStatus: null, tags: null, configure);
    }

    /// <summary>
    /// Adds <see cref="WriteBehindHealthCheck"/>: reports <paramref name="failureStatus"/> while dead letters
    /// exist, the oldest pending operation is long overdue or, when a limit is set, too many operations are
    /// pending. Requires <c>AddFga</c>. The thresholds are validated when the host starts.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name; also the name of its <see cref="WriteBehindHealthCheckOptions"/>.</param>
    /// <param name="failureStatus">What a problem is reported as; <see cref="DefaultFailureStatus"/> when null.</param>
    /// <param name="tags">Tags for filtering checks (for example per endpoint).</param>
    /// <param name="configure">Sets the thresholds; the defaults when null.</param>
    public static IHealthChecksBuilder AddFgaWriteBehind(
        this IHealthChecksBuilder builder,
        string name = DefaultName,
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null,
        Action<WriteBehindHealthCheckOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var options = builder.Services.AddOptions<WriteBehindHealthCheckOptions>(name);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        builder.Services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<WriteBehindHealthCheckOptions>, WriteBehindHealthCheckOptionsValidator>());
        return builder.Add(new HealthCheckRegistration(
            name,
            services => new WriteBehindHealthCheck(
                services.GetRequiredService<OutboxStore>(),
                services.GetRequiredService<IOptions<WriteBehindOptions>>(),
                services.GetRequiredService<TimeProvider>(),
                services.GetRequiredService<IOptionsMonitor<WriteBehindHealthCheckOptions>>().Get(name)),
            failureStatus ?? DefaultFailureStatus,
            tags));
    }
}
