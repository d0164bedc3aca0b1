using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TypedFga.Flushing;
using TypedFga.Outbox;

namespace TypedFga.Diagnostics;

/// <summary>
/// Reports write-behind problems with the registration's failure status: operations given up on (dead letters),
/// an oldest pending operation that has waited far longer than the flush interval (OpenFGA unreachable, or no
/// flusher running) and, when a limit is set, too many pending operations. The thresholds are
/// <see cref="WriteBehindHealthCheckOptions"/>.
/// </summary>
/// <remarks>
/// The data holds <c>pending</c>, <c>deadLetters</c> and <c>oldestPendingSeconds</c>, and the thresholds they were
/// held to: <c>maxPendingAgeSeconds</c>, <c>deadLettersReported</c> and, when set, <c>maxPending</c>.
/// </remarks>
public sealed class WriteBehindHealthCheck : IHealthCheck
{
    /// <summary>
    /// How many flush intervals the oldest pending operation may wait before the check reports it, unless
    /// <see cref="WriteBehindHealthCheckOptions.MaxPendingAge"/> says otherwise.
    /// </summary>
    public const int StaleAfterIntervals = 12;

    private readonly OutboxStore _outbox;
    private readonly WriteBehindOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly long? _maxPending;
    private readonly TimeSpan _maxPendingAge;
    private readonly bool _reportDeadLetters;

    /// <summary>Creates the check with the default thresholds.</summary>
    public WriteBehindHealthCheck(OutboxStore outbox, IOptions<WriteBehindOptions> options, TimeProvider timeProvider)
        : this(outbox, options, timeProvider, new WriteBehindHealthCheckOptions())
    {
    }

    /// <summary>Creates the check with the given thresholds.</summary>
    /// <exception cref="ArgumentException"><paramref name="thresholds"/> is not valid.</exception>
    public WriteBehindHealthCheck(
        OutboxStore outbox,
        IOptions<WriteBehindOptions> options,
        TimeProvider timeProvider,
        WriteBehindHealthCheckOptions thresholds)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(thresholds);
        var failures = WriteBehindHealthCheckOptionsValidator.Check(thresholds, "The write-behind health check");
        if (failures.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", failures), nameof(thresholds));
        }

        _outbox = outbox;
        _options = options.Value;
        _timeProvider = timeProvider;
        // Copied: the options object stays the caller's to change, and one check run sees one set of thresholds.
        _maxPending = thresholds.MaxPending;
        _maxPendingAge = thresholds.MaxPendingAge ?? _options.FlushInterval * StaleAfterIntervals;
        _reportDeadLetters = thresholds.ReportDeadLetters;
    }

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pending = await _outbox.GetPendingCountAsync(cancellationToken).ConfigureAwait(false);
        var deadLetters = await _outbox.GetDeadLetterCountAsync(cancellationToken).ConfigureAwait(false);
        var oldest = pending.Total == 0
            ? null
            : (await _outbox.GetPendingOperationsAsync(1, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        var age = oldest is null ? TimeSpan.Zero : _timeProvider.GetUtcNow() - oldest.EnqueuedAt;
        var data = new Dictionary<string, object>
        {
            ["pending"] = pending.Total,
            ["deadLetters"] = deadLetters,
            ["oldestPendingSeconds"] = Math.Round(age.TotalSeconds, 1),
            ["maxPendingAgeSeconds"] = Math.Round(_maxPendingAge.TotalSeconds, 1),
            ["deadLettersReported"] = _reportDeadLetters,
        };
        if (_maxPending is { } maxPending)
        {
            data["maxPending"] = maxPending;
        }

        var problems = new List<string>();
        if (_reportDeadLetters && deadLetters > 0)
        {
            problems.Add($"{deadLetters} operation(s) are dead letters: list them with WriteBehindCache.GetDeadLettersAsync()");
        }

        if (pending.Total > _maxPending)
        {
            problems.Add($"{pending.Total} operations are pending (more than {_maxPending}): flushes are not keeping up with the writes");
        }

        if (age > _maxPendingAge)
        {
            problems.Add($"the oldest pending operation has waited {age.TotalSeconds:F0} s (more than {_maxPendingAge.TotalSeconds:F0} s): last error: {oldest?.LastError ?? "none"}");
        }

        if (problems.Count > 0)
        {
            // Called outside a health check service (no registration), the check reports what AddFgaWriteBehind defaults to.
            var status = context.Registration?.FailureStatus ?? FgaHealthChecksBuilderExtensions.DefaultFailureStatus;
            return new HealthCheckResult(status, string.Join("; ", problems), data: data);
        }

        var deadLetterSummary = deadLetters == 0 ? "no dead letters" : $"{deadLetters} dead letter(s), not reported";
        return HealthCheckResult.Healthy($"{pending.Total} pending, {deadLetterSummary}", data);
    }
}
