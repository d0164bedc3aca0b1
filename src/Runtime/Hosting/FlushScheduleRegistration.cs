using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Quartz;
using TypedFga.Flushing;

namespace TypedFga.Hosting;

/// <summary>
/// Puts the write-behind flush job on the Quartz scheduler: a simple trigger every
/// <see cref="WriteBehindOptions.FlushInterval"/>, and cron triggers from <c>Fga:WriteBehind:PeriodicFlush</c>
/// and from Quartz's own section (<c>Quartz:FgaWriteBehindFlush:CronSchedule</c>).
/// </summary>
public sealed class FlushScheduleRegistration(
    ISchedulerFactory schedulers,
    IOptions<WriteBehindOptions> writeBehind,
    IOptions<FgaOptions> options,
    IConfiguration? configuration = null)
{
    /// <summary>The configuration key of the cron schedule inside Quartz's section.</summary>
    public const string QuartzCronKey = "Quartz:FgaWriteBehindFlush:CronSchedule";

    /// <summary>The cron expressions in effect, from both places.</summary>
    public IReadOnlyList<string> CronSchedules =>
        new[] { options.Value.WriteBehind.PeriodicFlush, configuration?[QuartzCronKey] }
            .Where(cron => !string.IsNullOrWhiteSpace(cron))
            .Select(cron => cron!.Trim())
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>Schedules (or reschedules) the flush job.</summary>
    public async Task ScheduleAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        var job = JobBuilder.Create<WriteBehindFlushJob>().WithIdentity(WriteBehindFlushJob.Key).Build();
        var interval = writeBehind.Value.FlushInterval;
        var triggers = new List<ITrigger>
        {
            TriggerBuilder.Create()
                .WithIdentity("fga-write-behind-interval", WriteBehindFlushJob.Key.Group)
                .ForJob(job)
                // Quartz fires on the system clock, so the first interval is measured on it too (not on an
                // injected TimeProvider, which tests may have frozen).
                .StartAt(TimeProvider.System.GetUtcNow() + interval)
                .WithSimpleSchedule(schedule => schedule.WithInterval(interval).RepeatForever())
                .Build(),
        };

        var index = 0;
        foreach (var cron in CronSchedules)
        {
            triggers.Add(TriggerBuilder.Create()
                .WithIdentity($"fga-write-behind-cron-{index++}", WriteBehindFlushJob.Key.Group)
                .ForJob(job)
                .UsingJobData(WriteBehindFlushJob.CronScheduleKey, cron)
                .WithCronSchedule(cron)
                .Build());
        }

        // Replace: a restarted host (or a second registration) reschedules instead of failing on the existing job.
        var jobs = new Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>> { [job] = triggers };
        await scheduler.ScheduleJobs(jobs, new ScheduleJobOptions { Replace = true }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes the flush job (and its triggers) from the scheduler.</summary>
    public async Task UnscheduleAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        await scheduler.DeleteJob(WriteBehindFlushJob.Key, cancellationToken).ConfigureAwait(false);
    }
}
