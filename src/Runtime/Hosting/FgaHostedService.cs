using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TypedFga.Outbox;
using TypedFga.Typed;

namespace TypedFga.Hosting;

/// <summary>
/// Ties the runtime to the host's lifetime: on start it prepares the connections, schedules the periodic flushes, makes the client the one the
/// generated <c>Fga</c> calls use, and flushes what an earlier run left in the outbox; on stop it flushes
/// within the host's shutdown timeout (what is left stays durable) and steps back as the default client.
/// With write-behind disabled it neither creates an outbox nor flushes, unless an earlier run left one to drain.
/// </summary>
/// <remarks>
/// Its services are resolved when the host starts, not when it is constructed: the host constructs every hosted
/// service before starting the first, and resolving the client then would surface the first invalid setting alone,
/// ahead of the start-up validation that reports them all.
/// </remarks>
public sealed partial class FgaHostedService(IServiceProvider services, ILogger<FgaHostedService> logger) : IHostedService
{
    private FgaClient? _client;
    private WriteBehindPipeline? _pipeline;
    private FlushScheduleRegistration? _schedule;
    private bool _flushOnShutdown;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var client = _client = services.GetRequiredService<FgaClient>();
        // Everything the stop needs is resolved now: by the time a host stops, its container may be going away.
        var pipeline = _pipeline = services.GetRequiredService<WriteBehindPipeline>();
        var schedule = services.GetRequiredService<FlushScheduleRegistration>();
        var writeBehind = services.GetRequiredService<IOptions<FgaOptions>>().Value.WriteBehind;
        _flushOnShutdown = writeBehind.FlushOnShutdown;
        await services.GetRequiredService<FgaConnectionRegistry>().InitializeAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        FgaClientContext.SetDefault(client);
        if (!writeBehind.Enabled && pipeline.Outbox is SqliteOutboxStore { Path: var path } && !File.Exists(path))
        {
            // Writes go straight through and no earlier run left an outbox to drain: none is created.
            _pipeline = null;
            return;
        }

        _schedule = schedule;
        await schedule.ScheduleAsync(cancellationToken).ConfigureAwait(false);
        var pending = await pipeline.Outbox.GetPendingCountAsync(cancellationToken).ConfigureAwait(false);
        if (pending.Total > 0)
        {
            RecoveringPending(logger, pending.Total);
            pipeline.Flushes.RequestFlush();
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_client is not { } client)
        {
            return;
        }

        FgaClientContext.ClearDefault(client);
        if (_pipeline is not { } pipeline || _schedule is not { } schedule)
        {
            return;
        }

        // Quartz stops after this service: no scheduled flush may start behind the shutdown flush (and wait out the
        // shutdown timeout a second time).
        await UnscheduleAsync(schedule, cancellationToken).ConfigureAwait(false);
        if (!_flushOnShutdown)
        {
            return;
        }

        try
        {
            var result = await pipeline.Flushes.FlushAsync(cancellationToken).ConfigureAwait(false);
            FlushedOnShutdown(logger, result.Writes, result.Deletes, result.Failed);
        }
        catch (OperationCanceledException)
        {
            ShutdownFlushCut(logger);
        }
        catch (ObjectDisposedException)
        {
            // The container was disposed while the host stopped (a test server torn down at once, say).
            ShutdownFlushAfterClose(logger);
        }
    }

    private static async Task UnscheduleAsync(FlushScheduleRegistration schedule, CancellationToken cancellationToken)
    {
        try
        {
            await schedule.UnscheduleAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is ObjectDisposedException or Quartz.SchedulerException)
        {
            // Quartz shuts its scheduler down when the application starts stopping, which can be before this
            // service stops: no trigger fires any more, so there is nothing to unschedule.
        }
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "The outbox holds {Count} operations from an earlier run; flushing them.")]
    private static partial void RecoveringPending(ILogger logger, long count);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Information, Message = "Flushed on shutdown: {Writes} writes, {Deletes} deletes, {Failed} failed.")]
    private static partial void FlushedOnShutdown(ILogger logger, int writes, int deletes, int failed);

    [LoggerMessage(EventId = 3204, Level = LogLevel.Warning, Message = "The outbox was closed before the shutdown flush; pending operations stay in it for the next start.")]
    private static partial void ShutdownFlushAfterClose(ILogger logger);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Warning, Message = "The shutdown timeout ended the flush; the remaining operations stay in the outbox for the next start.")]
    private static partial void ShutdownFlushCut(ILogger logger);
}
