using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Quartz;
using TypedFga.Flushing;
using TypedFga.Outbox;

namespace TypedFga.Hosting;

/// <summary>
/// The Quartz job behind the interval and cron triggers: one write-behind flush. A cron run fires once per cluster when
/// nodes share the outbox: each node's trigger fires, and only the node that claims the run in the outbox flushes.
/// </summary>
/// <remarks>
/// A clustered Quartz job store would give the same, at the price of its own eleven tables, schema scripts kept by the
/// application, and every node polling them; the flush job holds no state, so one row per run is all the cluster needs
/// to agree on.
/// </remarks>
[DisallowConcurrentExecution]
public sealed partial class WriteBehindFlushJob(FlushCoordinator coordinator, OutboxStore outbox, ILogger<WriteBehindFlushJob>? logger = null) : IJob
{
    /// <summary>The job's key in the scheduler.</summary>
    public static readonly JobKey Key = new("fga-write-behind-flush", "TypedFga");

    /// <summary>The trigger data that names the cron expression a run belongs to; absent on the interval trigger.</summary>
    internal const string CronScheduleKey = "fga-cron-schedule";

    private static readonly string Node = ProcessIdentity.Current.NewInstanceId();

    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    /// <inheritdoc />
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Trigger.JobDataMap.TryGetString(CronScheduleKey, out var schedule) && schedule is not null
            && context.ScheduledFireTimeUtc is { } fireTime
            && !await outbox.TryClaimScheduledRunAsync(schedule, fireTime, Node, cancellationToken).ConfigureAwait(false))
        {
            ScheduledRunTakenElsewhere(_logger, schedule, fireTime);
            return;
        }

        await coordinator.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 2301, Level = LogLevel.Debug, Message = "The periodic flush '{Schedule}' of {FireTime:O} runs on another node.")]
    private static partial void ScheduledRunTakenElsewhere(ILogger logger, string schedule, DateTimeOffset fireTime);
}
