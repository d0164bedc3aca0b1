using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TypedFga.Backends;
using TypedFga.Diagnostics;
using TypedFga.Outbox;

namespace TypedFga.Flushing;

/// <summary>
/// Sends the outbox's due operations to OpenFGA: claims them with a lease, keeps the last operation per tuple,
/// packs them into Write requests of at most <see cref="WriteBehindOptions.MaxTuplesPerWrite"/> tuples, sends up
/// to <see cref="WriteBehindOptions.MaxParallelRequests"/> at once, and then acknowledges, reschedules or
/// dead-letters each operation.
/// </summary>
/// <remarks>
/// <para>Flushes of one flusher never overlap: a call made while a flush runs waits for it, then flushes.
/// Several processes may flush one outbox file at once; leases keep them from sending the same operation. A lease
/// is owned by <c>{machine}/{pid}/{process start}/{random}/{flush}</c>, so a flush takes over at once the leases
/// of flushers on this machine whose process has ended; other leases expire after their duration.</para>
/// <para>A flush sends only operations enqueued before it started, so a steady stream of new operations cannot
/// keep it running; triggers (batch size, interval, schedule, shutdown) call <see cref="FlushAsync"/> again.</para>
/// </remarks>
public sealed class OutboxFlusher
{
    // Acknowledgements of this many claim rounds are removed in one transaction (see AcknowledgementBuffer).
    private const int AcknowledgedClaimsPerRemoval = 4;

    private readonly OutboxStore _store;
    private readonly WriteBehindOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ChunkSender _sender;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly OrphanedLeaseRecovery _orphanedLeases;
    private readonly string _instanceId;
    private long _flushNumber;

    /// <summary>Creates a flusher of <paramref name="store"/> that writes through <paramref name="backend"/>.</summary>
    public OutboxFlusher(
        OutboxStore store,
        IFgaBackend backend,
        IOptions<WriteBehindOptions> options,
        TimeProvider? timeProvider = null,
        ILogger<OutboxFlusher>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _options = options.Value;
        _timeProvider = timeProvider ?? store.TimeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _sender = new ChunkSender(backend, _options, _timeProvider, _logger);
        var self = ProcessIdentity.Current;
        _instanceId = self.NewInstanceId();
        _orphanedLeases = new OrphanedLeaseRecovery(store, self, _timeProvider, _logger);
    }

    /// <summary>True while a flush is running in this flusher.</summary>
    public bool IsFlushing => _gate.CurrentCount == 0;

    /// <summary>
    /// Sends every operation that is due and was enqueued before this call, and returns what happened to them.
    /// Failures of single requests do not throw: the operations are rescheduled or dead-lettered and counted.
    /// </summary>
    /// <param name="cancellationToken">Stops the flush; operations not yet sent stay pending, due at once.</param>
    public async Task<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Started once the gate is held, so it covers the flush and not the wait for an earlier one.
            using var activity = FgaTracing.StartFlush();
            try
            {
                var result = await RunAsync(cancellationToken).ConfigureAwait(false);
                FlushLog.Flushed(_logger, result.Writes, result.Deletes, result.Failed, result.DeadLettered, result.Superseded);
                if (activity is not null)
                {
                    FlushTracing.Record(activity, result);
                }

                return result;
            }
            catch (Exception exception) when (activity is not null)
            {
                FgaTracing.RecordFailure(activity, exception);
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The longest an acknowledgement waits: a second, and never more than a tenth of the lease, so that a sent
    /// operation is removed long before another flusher could take it over.
    /// </summary>
    private static TimeSpan MaxAcknowledgementDelay(WriteBehindOptions options) =>
        TimeSpan.FromTicks(Math.Min(TimeSpan.TicksPerSecond, options.LeaseDuration.Ticks / 10));

    private async Task<FlushResult> RunAsync(CancellationToken cancellationToken)
    {
        var highest = await _store.GetHighestSequenceAsync(cancellationToken).ConfigureAwait(false);
        if (highest == 0)
        {
            return FlushResult.Empty;
        }

        // Before claiming, so that operations a killed flusher on this machine held are claimable in this flush.
        var takenOver = await _orphanedLeases.RecoverIfDueAsync(cancellationToken).ConfigureAwait(false);
        var owner = $"{_instanceId}/{Interlocked.Increment(ref _flushNumber)}";
        var tally = new FlushTally();
        // Claiming runs one round ahead of sending, so the outbox's work overlaps the network's.
        var chunks = Channel.CreateBounded<(FlushChunk Chunk, long LastRequestStart)>(new BoundedChannelOptions(_options.MaxParallelRequests)
        {
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });

        var claimSize = _options.MaxTuplesPerWrite * _options.MaxParallelRequests;
        var acknowledgements = new AcknowledgementBuffer(
            _store,
            owner,
            claimSize * AcknowledgedClaimsPerRemoval,
            MaxAcknowledgementDelay(_options),
            _timeProvider,
            exception => chunks.Writer.TryComplete(exception));
        var senders = new Task[_options.MaxParallelRequests];
        for (var i = 0; i < senders.Length; i++)
        {
            senders[i] = SendChunksAsync(chunks, owner, acknowledgements, tally, cancellationToken);
        }

        Exception? claimFailure = null;
        try
        {
            await ClaimChunksAsync(chunks.Writer, owner, highest, claimSize, acknowledgements, tally, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            claimFailure = exception;
        }
        finally
        {
            chunks.Writer.TryComplete();
        }

        try
        {
            await Task.WhenAll(senders).ConfigureAwait(false);
        }
        finally
        {
            // What was sent is acknowledged even when the flush is being cancelled or a sender failed.
            await acknowledgements.CompleteAsync().ConfigureAwait(false);
        }

        if (claimFailure is OperationCanceledException || cancellationToken.IsCancellationRequested)
        {
            FlushLog.Cancelled(_logger);
            cancellationToken.ThrowIfCancellationRequested();
        }

        if (claimFailure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(claimFailure);
        }

        return tally.ToResult() with { TakenOver = takenOver };
    }

    private async Task ClaimChunksAsync(
        ChannelWriter<(FlushChunk, long)> chunks,
        string owner,
        long highest,
        int claimSize,
        AcknowledgementBuffer acknowledgements,
        FlushTally tally,
        CancellationToken cancellationToken)
    {
        // A request may take RequestTimeout, so none starts later than that before the lease ends.
        var requestWindow = _options.LeaseDuration - _options.RequestTimeout;
        while (!cancellationToken.IsCancellationRequested)
        {
            var claimedAt = _timeProvider.GetTimestamp();
            var claimed = await _store.ClaimAsync(owner, claimSize, highest, _options.LeaseDuration).ConfigureAwait(false);
            if (claimed.Count == 0)
            {
                return;
            }

            var lastRequestStart = claimedAt + (long)(requestWindow.TotalSeconds * _timeProvider.TimestampFrequency);
            var (batch, superseded) = TupleCoalescer.Coalesce(claimed, _options.MaxTuplesPerWrite);
            if (superseded.Count > 0)
            {
                acknowledgements.Add(superseded.ConvertAll(o => o.Sequence));
                tally.AddSuperseded(superseded.Count);
            }

            foreach (var chunk in batch)
            {
                // Never cancelled: a claimed chunk must reach a sender, which releases it if the flush was stopped.
                await chunks.WriteAsync((chunk, lastRequestStart), CancellationToken.None).ConfigureAwait(false);
            }

            if (claimed.Count < claimSize)
            {
                return;
            }
        }
    }

    private async Task CompleteAsync(string owner, OutboxCompletion completion, FlushTally tally)
    {
        var superseded = await _store.CompleteAsync(owner, completion).ConfigureAwait(false);
        tally.FailedWereSuperseded(superseded.Rescheduled);
        tally.AddSuperseded(superseded.Released);
    }

    private async Task SendChunksAsync(
        Channel<(FlushChunk Chunk, long LastRequestStart)> chunks,
        string owner,
        AcknowledgementBuffer acknowledgements,
        FlushTally tally,
        CancellationToken cancellationToken)
    {
        // Acknowledgements are not awaited one by one: the next request goes out while the last one's outcome
        // commits. Order per tuple still holds, because an operation keeps its lease until its outcome is committed.
        var outcomes = new List<Task>();
        try
        {
            await foreach (var (chunk, lastRequestStart) in chunks.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                var completion = new OutboxCompletion();
                try
                {
                    await _sender.SendAsync(chunk, lastRequestStart, completion, tally, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    // Bookkeeping runs even when the flush is being cancelled: what was sent must be acknowledged.
                    // Acknowledgements are batched; the rarer outcomes are written at once.
                    acknowledgements.Add(completion.Acknowledged);
                    completion.Acknowledged.Clear();
                    var outcome = CompleteAsync(owner, completion, tally);
                    _ = outcome.ContinueWith(
                        static (task, state) => ((ChannelWriter<(FlushChunk, long)>)state!).TryComplete(task.Exception!.InnerException),
                        chunks.Writer,
                        CancellationToken.None,
                        TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                        TaskScheduler.Default);
                    outcomes.Add(outcome);
                }
            }
        }
        finally
        {
            // The outbox itself failing surfaces here; unacknowledged operations come back when their lease ends.
            await Task.WhenAll(outcomes).ConfigureAwait(false);
        }
    }
}
