using TypedFga.Flushing;
using TypedFga.Outbox;

namespace TypedFga.Hosting;

/// <summary>
/// Manual control of write-behind: what is pending, flush now, clear, and the dead letters.
/// Resolve it from dependency injection after <c>AddFga</c>.
/// </summary>
public sealed class WriteBehindCache(WriteBehindPipeline pipeline)
{
    private readonly OutboxStore _outbox = (pipeline ?? throw new ArgumentNullException(nameof(pipeline))).Outbox;
    private readonly FlushCoordinator _flushes = pipeline.Flushes;

    /// <summary>The pending writes (grants), deletes (revokes) and their total.</summary>
    public Task<PendingCount> GetPendingCountAsync(CancellationToken cancellationToken = default) =>
        _outbox.GetPendingCountAsync(cancellationToken);

    /// <summary>
    /// The pending operations, oldest first, each with its tuple, kind, enqueued time, attempts, next attempt and
    /// last error.
    /// </summary>
    /// <param name="limit">The most operations to return.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public Task<IReadOnlyList<PendingOperation>> GetPendingOperationsAsync(int limit = 10_000, CancellationToken cancellationToken = default) =>
        _outbox.GetPendingOperationsAsync(limit, cancellationToken);

    /// <summary>Sends every due operation now and reports the writes, deletes, failures and dead letters.</summary>
    public Task<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => _flushes.FlushAsync(cancellationToken);

    /// <summary>
    /// Flushes again and again until no operation is due, and says what is left and why. Operations that failed and
    /// wait out their retry backoff, and those another flusher holds, are not due: they are left, and counted in
    /// <see cref="DrainResult.Left"/>. A flush already running (the start-up recovery flush, or one the batch size
    /// started) is waited for first rather than raced. It also stops when a flush sends nothing although operations
    /// are due (<see cref="DrainStop.NoProgress"/>), so a tuple that keeps failing cannot keep it looping; an
    /// application that keeps enqueuing keeps it going until cancelled.
    /// </summary>
    /// <param name="cancellationToken">Stops the drain; the flush under way releases what it has not sent.</param>
    public async Task<DrainResult> DrainAsync(CancellationToken cancellationToken = default)
    {
        await _flushes.Background.WaitAsync(cancellationToken).ConfigureAwait(false);
        var total = FlushResult.Empty;
        var flushes = 0;
        var lastSentNothing = false;
        while (true)
        {
            var left = await _outbox.GetBacklogAsync(cancellationToken).ConfigureAwait(false);
            if (left.Due == 0)
            {
                return new DrainResult(total, flushes, left, left.Total == 0 ? DrainStop.Empty : DrainStop.NothingDue);
            }

            if (lastSentNothing)
            {
                return new DrainResult(total, flushes, left, DrainStop.NoProgress);
            }

            var flushed = await _flushes.FlushAsync(cancellationToken).ConfigureAwait(false);
            flushes++;
            lastSentNothing = flushed.Sent + flushed.DeadLettered + flushed.Superseded == 0;
            total = new FlushResult(
                total.Writes + flushed.Writes,
                total.Deletes + flushed.Deletes,
                total.Failed + flushed.Failed,
                total.DeadLettered + flushed.DeadLettered,
                total.Superseded + flushed.Superseded)
            {
                TakenOver = total.TakenOver + flushed.TakenOver,
            };
        }
    }

    /// <summary>
    /// The recent flushes of this process (time, operations, duration, outcome or error) and samples of the backlog
    /// and throughput over the last minutes. Kept in memory: it starts empty with each process.
    /// </summary>
    public FlushHistorySnapshot GetFlushHistory() => _flushes.History.Snapshot();

    /// <summary>Drops every pending operation without sending it (operations in flight finish); returns how many.</summary>
    public Task<int> ClearAsync(CancellationToken cancellationToken = default) => _outbox.ClearAsync(cancellationToken);

    /// <summary>Hands the space of sent operations back to the file system; returns the bytes reclaimed (see <see cref="OutboxStore.CompactAsync"/>).</summary>
    public Task<long> CompactAsync(CancellationToken cancellationToken = default) => _outbox.CompactAsync(cancellationToken);

    /// <summary>The operations given up on, with the reason and the server's error.</summary>
    public Task<IReadOnlyList<DeadLetter>> GetDeadLettersAsync(int limit = 10_000, CancellationToken cancellationToken = default) =>
        _outbox.GetDeadLettersAsync(limit, cancellationToken);

    /// <summary>Counts the dead letters.</summary>
    public Task<long> GetDeadLetterCountAsync(CancellationToken cancellationToken = default) =>
        _outbox.GetDeadLetterCountAsync(cancellationToken);

    /// <summary>Queues dead letters again (all, or those with the given sequence numbers); returns how many.</summary>
    public Task<int> RetryDeadLettersAsync(IReadOnlyCollection<long>? sequences = null, CancellationToken cancellationToken = default) =>
        _outbox.RetryDeadLettersAsync(sequences, cancellationToken);

    /// <summary>Deletes dead letters for good (all, or those with the given sequence numbers); returns how many.</summary>
    public Task<int> PurgeDeadLettersAsync(IReadOnlyCollection<long>? sequences = null, CancellationToken cancellationToken = default) =>
        _outbox.PurgeDeadLettersAsync(sequences, cancellationToken);
}
