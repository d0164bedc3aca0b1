using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TypedFga.Diagnostics;
using TypedFga.Flushing;
using TypedFga.Outbox;

namespace TypedFga.Hosting;

/// <summary>
/// Starts flushes for the triggers that are not Quartz schedules: the pending count reaching
/// <see cref="WriteBehindOptions.BatchSize"/>, and start-up recovery. Requests made while a flush runs
/// collapse into one follow-up flush, so a burst of writes never queues a flush per write.
/// </summary>
public sealed partial class FlushCoordinator : IDisposable
{
    private readonly OutboxFlusher _flusher;
    private readonly FgaMetrics? _metrics;
    private readonly OutboxStore _store;
    private readonly int _batchSize;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private int _state; // 0 idle, 1 running, 2 running with a follow-up requested
    private Task _background = Task.CompletedTask;

    /// <summary>Creates the coordinator and subscribes to the outbox's appends.</summary>
    public FlushCoordinator(
        OutboxFlusher flusher,
        OutboxStore store,
        IOptions<WriteBehindOptions> options,
        ILogger<FlushCoordinator>? logger = null,
        FgaMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(flusher);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        _flusher = flusher;
        _metrics = metrics;
        _store = store;
        _batchSize = options.Value.BatchSize;
        RequestTimeout = options.Value.RequestTimeout;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        History = new FlushHistory(store.TimeProvider, () => store.PendingEstimate);
        _store.Appended += OnAppended;
    }

    /// <summary>The recent flushes through this coordinator and samples of the backlog, for status pages.</summary>
    public FlushHistory History { get; }

    /// <summary>How long one send may take (<see cref="WriteBehindOptions.RequestTimeout"/>).</summary>
    internal TimeSpan RequestTimeout { get; }

    /// <summary>The background flush started by the last request, for tests and shutdown.</summary>
    public Task Background => Volatile.Read(ref _background);

    /// <summary>Flushes now and waits for the result (flushes never overlap; this one waits its turn).</summary>
    public async Task<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        FlushResult result;
        try
        {
            result = await _flusher.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A flush cancelled by its caller (shutdown) did not fail; any other exception is what the history shows.
            History.RecordFailure(exception, Stopwatch.GetElapsedTime(started));
            throw;
        }

        var duration = Stopwatch.GetElapsedTime(started);
        _metrics?.Flushed(result, duration);
        History.Record(result, duration);
        var removed = result.Sent + result.DeadLettered + result.Superseded > 0;
        if (removed || _store.PendingTuples is not { } index || (!index.IsUsable && _store.PendingEstimate <= PendingTupleIndex.MaxTuples))
        {
            // The operations just sent leave the checks' in-memory index, and those other processes queued join it;
            // on a shared outbox, the estimate learns what other nodes flushed.
            try
            {
                await _store.RefreshAfterFlushAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The index keeps what it had: it may name tuples no longer pending, which only costs checks a read.
                PendingTuplesRefreshFailed(_logger, exception);
            }
        }

        return result;
    }

    /// <summary>Starts a flush in the background unless one is running, in which case one more follows it.</summary>
    public void RequestFlush()
    {
        while (true)
        {
            var state = Volatile.Read(ref _state);
            if (state == 2 || (state == 1 && Interlocked.CompareExchange(ref _state, 2, 1) == 1))
            {
                return;
            }

            if (state == 0 && Interlocked.CompareExchange(ref _state, 1, 0) == 0)
            {
                Volatile.Write(ref _background, Task.Run(RunRequestedFlushesAsync));
                return;
            }
        }
    }

    /// <summary>Stops requested background flushes; a flush in progress is cancelled (its operations stay pending).</summary>
    public void Dispose()
    {
        _store.Appended -= OnAppended;
        History.Dispose();
        // Not disposed: a background flush may still observe the token while it winds down.
        _stopping.Cancel();
    }

    private void OnAppended(object? sender, OutboxAppendedEventArgs e)
    {
        if (e.PendingEstimate >= _batchSize)
        {
            RequestFlush();
        }
    }

    private async Task RunRequestedFlushesAsync()
    {
        var token = _stopping.Token;
        do
        {
            try
            {
                await FlushAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                Volatile.Write(ref _state, 0);
                return;
            }
            catch (Exception exception)
            {
                // The operations stay durable and due; the next trigger tries again.
                BackgroundFlushFailed(_logger, exception);
            }
        }
        while (Interlocked.CompareExchange(ref _state, 1, 2) == 2 || Interlocked.CompareExchange(ref _state, 0, 1) != 1);
    }

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "The in-memory index of pending tuples could not be refreshed after a flush; checks read the outbox where it names a tuple.")]
    private static partial void PendingTuplesRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "A background write-behind flush failed; pending operations stay in the outbox.")]
    private static partial void BackgroundFlushFailed(ILogger logger, Exception exception);
}
