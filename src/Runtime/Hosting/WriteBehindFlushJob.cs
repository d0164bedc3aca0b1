using Quartz;

namespace TypedFga.Hosting;

/// <summary>The Quartz job behind the interval and cron triggers: one write-behind flush.</summary>
[DisallowConcurrentExecution]
public sealed class WriteBehindFlushJob(FlushCoordinator coordinator) : IJob
{
    /// <summary>The job's key in the scheduler.</summary>
    public static readonly JobKey Key = new("fga-write-behind-flush", "TypedFga");

    /// <inheritdoc />
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await coordinator.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
