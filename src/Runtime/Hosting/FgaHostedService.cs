using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TypedFga.Typed;

namespace TypedFga.Hosting;

/// <summary>
/// Ties the runtime to the host's lifetime: on start it prepares the connections, schedules the periodic flushes, makes the client the one the
/// generated <c>Fga</c> calls use, and flushes what an earlier run left in the outbox; on stop it flushes
/// within the host's shutdown timeout (what is left stays durable) and steps back as the default client.
/// </summary>
public sealed partial class FgaHostedService(
    FgaClient client,
    FgaConnectionRegistry connections,
    WriteBehindPipeline pipeline,
    FlushScheduleRegistration schedule,
    IOptions<FgaOptions> options,
    ILogger<FgaHostedService> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await connections.InitializeAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        FgaClientContext.SetDefault(client);
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
        FgaClientContext.ClearDefault(client);
        if (!options.Value.WriteBehind.FlushOnShutdown)
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
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "The outbox holds {Count} operations from an earlier run; flushing them.")]
    private static partial void RecoveringPending(ILogger logger, long count);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Information, Message = "Flushed on shutdown: {Writes} writes, {Deletes} deletes, {Failed} failed.")]
    private static partial void FlushedOnShutdown(ILogger logger, int writes, int deletes, int failed);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Warning, Message = "The shutdown timeout ended the flush; the remaining operations stay in the outbox for the next start.")]
    private static partial void ShutdownFlushCut(ILogger logger);
}
