using TypedFga.Outbox;

namespace TypedFga.Flushing;

/// <summary>
/// Collects the sequence numbers of sent operations during a flush and removes them from the outbox in large
/// batches: at <c>threshold</c> operations, <c>maxDelay</c> after the first one waiting, and when the flush ends.
/// </summary>
/// <remarks>
/// <para>Removing a row also removes its entry from the tuple index, whose pages are spread at random; one
/// transaction that removes thousands of rows writes each of those pages once instead of once per chunk.</para>
/// <para>Delaying an acknowledgement keeps the operation leased a little longer, nothing more: a newer operation
/// on the same tuple waits for it as it waits for any in-flight operation, and a crash before the removal
/// replays an idempotent write. The delay is bounded well within the lease, so no other flusher takes over an
/// operation that was sent. Removals run in the order they were taken, so an operation dropped as superseded at
/// claim time is never removed after the newer operation that replaced it: after a crash, either both come back
/// and the newer wins again, or the older one is gone.</para>
/// </remarks>
internal sealed class AcknowledgementBuffer
{
    private readonly object _gate = new();
    private readonly OutboxStore _store;
    private readonly string _owner;
    private readonly int _threshold;
    private readonly TimeSpan _maxDelay;
    private readonly TimeProvider _timeProvider;
    private readonly Action<Exception> _failed;
    private readonly List<Task> _removals = [];
    private List<long> _sequences = [];
    private ITimer? _timer;

    /// <param name="store">The outbox.</param>
    /// <param name="owner">The flush's lease owner; rows another flusher has taken over stay.</param>
    /// <param name="threshold">The number of waiting acknowledgements that triggers a removal.</param>
    /// <param name="maxDelay">The longest an acknowledgement waits.</param>
    /// <param name="timeProvider">The clock of <paramref name="maxDelay"/>.</param>
    /// <param name="failed">Told when a removal fails, so that the flush stops claiming.</param>
    public AcknowledgementBuffer(OutboxStore store, string owner, int threshold, TimeSpan maxDelay, TimeProvider timeProvider, Action<Exception> failed)
    {
        _store = store;
        _owner = owner;
        _threshold = threshold;
        _maxDelay = maxDelay;
        _timeProvider = timeProvider;
        _failed = failed;
    }

    /// <summary>The number of acknowledgements waiting.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _sequences.Count;
            }
        }
    }

    /// <summary>Adds acknowledgements; removes the waiting ones at once when the threshold is reached.</summary>
    public void Add(IReadOnlyCollection<long> sequences)
    {
        if (sequences.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            _sequences.AddRange(sequences);
            if (_sequences.Count >= _threshold)
            {
                RemoveWaiting();
            }
            else
            {
                _timer ??= _timeProvider.CreateTimer(
                    static state =>
                    {
                        var buffer = (AcknowledgementBuffer)state!;
                        lock (buffer._gate)
                        {
                            buffer.RemoveWaiting();
                        }
                    },
                    this,
                    _maxDelay,
                    Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>Removes every waiting acknowledgement and waits for all removals; throws if one failed.</summary>
    public Task CompleteAsync()
    {
        lock (_gate)
        {
            RemoveWaiting();
            return Task.WhenAll(_removals);
        }
    }

    /// <summary>
    /// Hands the waiting acknowledgements to the store. Called under the lock, so removals reach the store's
    /// writer, which runs them in order, in the order they were taken.
    /// </summary>
    private void RemoveWaiting()
    {
        var sequences = TakeWaiting();
        if (sequences is null)
        {
            return;
        }

        Task removal;
        try
        {
            removal = _store.CompleteAsync(_owner, new OutboxCompletion(sequences));
        }
        catch (Exception exception)
        {
            // The store refused synchronously (it was disposed): report it like a failed transaction.
            removal = Task.FromException(exception);
        }

        _ = removal.ContinueWith(
            static (task, state) => ((Action<Exception>)state!)(task.Exception!.InnerException!),
            _failed,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        _removals.Add(removal);
    }

    private List<long>? TakeWaiting()
    {
        _timer?.Dispose();
        _timer = null;
        if (_sequences.Count == 0)
        {
            return null;
        }

        var due = _sequences;
        _sequences = [];
        return due;
    }
}
