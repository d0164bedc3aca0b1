using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TypedFga.Flushing;
using TypedFga.Outbox;

namespace TypedFga.Diagnostics;

/// <summary>
/// Reports write-behind as degraded when operations have been given up on (dead letters) or when the oldest pending
/// operation has waited far longer than the flush interval (OpenFGA unreachable, or no flusher running).
/// </summary>
public sealed class WriteBehindHealthCheck(OutboxStore outbox, IOptions<WriteBehindOptions> options, TimeProvider timeProvider) : IHealthCheck
{
    /// <summary>How many flush intervals the oldest pending operation may wait before the check reports it.</summary>
    public const int StaleAfterIntervals = 12;

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var pending = await outbox.GetPendingCountAsync(cancellationToken).ConfigureAwait(false);
        var deadLetters = await outbox.GetDeadLetterCountAsync(cancellationToken).ConfigureAwait(false);
        var oldest = pending.Total == 0
            ? null
            : (await outbox.GetPendingOperationsAsync(1, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        var age = oldest is null ? TimeSpan.Zero : timeProvider.GetUtcNow() - oldest.EnqueuedAt;
        var data = new Dictionary<string, object>
        {
            ["pending"] = pending.Total,
            ["deadLetters"] = deadLetters,
            ["oldestPendingSeconds"] = Math.Round(age.TotalSeconds, 1),
        };

        var staleAfter = options.Value.FlushInterval * StaleAfterIntervals;
        var problems = new List<string>();
        if (deadLetters > 0)
        {
            problems.Add($"{deadLetters} operation(s) are dead letters: list them with WriteBehindCache.GetDeadLettersAsync()");
        }

        if (age > staleAfter)
        {
            problems.Add($"the oldest pending operation has waited {age.TotalSeconds:F0} s (more than {staleAfter.TotalSeconds:F0} s): last error: {oldest?.LastError ?? "none"}");
        }

        return problems.Count == 0
            ? HealthCheckResult.Healthy($"{pending.Total} pending, no dead letters", data)
            : HealthCheckResult.Degraded(string.Join("; ", problems), data: data);
    }
}
