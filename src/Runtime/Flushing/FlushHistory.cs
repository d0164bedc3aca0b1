namespace TypedFga.Flushing;

/// <summary>
/// The recent flushes of this process and periodic samples of the backlog, kept in memory for status pages.
/// Memory is fixed: the oldest entries make room for new ones, and error texts are shortened. Thread-safe.
/// </summary>
/// <remarks>
/// Idle flushes (nothing due) only update <see cref="FlushHistorySnapshot.LastFlush"/>: an interval trigger firing on
/// an empty outbox would otherwise push every flush that did something out of the list within minutes.
/// </remarks>
public sealed class FlushHistory : IDisposable
{
    /// <summary>How many flushes are kept by default.</summary>
    public const int DefaultFlushCapacity = 50;

    /// <summary>How many backlog samples are kept by default (ten minutes at the default interval).</summary>
    public const int DefaultSampleCapacity = 120;

    /// <summary>The longest error text kept for a failed flush.</summary>
    public const int MaxErrorLength = 500;

    /// <summary>The time between two backlog samples by default.</summary>
    public static readonly TimeSpan DefaultSampleInterval = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;
    private readonly Func<long> _pending;
    private readonly int _flushCapacity;
    private readonly int _sampleCapacity;
    private readonly Queue<FlushHistoryEntry> _flushes;
    private readonly Queue<BacklogSample> _samples;
    private readonly ITimer _sampler;
    private FlushHistoryEntry? _lastFlush;
    private long _sentSinceSample;
    private long _deadLetteredSinceSample;

    /// <summary>Creates the history and starts sampling the backlog.</summary>
    /// <param name="timeProvider">The clock for entries and for the sampling timer.</param>
    /// <param name="pending">Reads the backlog for a sample; called on the timer, so it must be cheap and not block.</param>
    /// <param name="flushCapacity">How many flushes to keep.</param>
    /// <param name="sampleCapacity">How many backlog samples to keep.</param>
    /// <param name="sampleInterval">The time between two backlog samples; <see cref="DefaultSampleInterval"/> when null.</param>
    public FlushHistory(
        TimeProvider timeProvider,
        Func<long> pending,
        int flushCapacity = DefaultFlushCapacity,
        int sampleCapacity = DefaultSampleCapacity,
        TimeSpan? sampleInterval = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(flushCapacity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleCapacity);
        SampleInterval = sampleInterval ?? DefaultSampleInterval;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(SampleInterval, TimeSpan.Zero, nameof(sampleInterval));
        _timeProvider = timeProvider;
        _pending = pending;
        _flushCapacity = flushCapacity;
        _sampleCapacity = sampleCapacity;
        _flushes = new Queue<FlushHistoryEntry>(flushCapacity);
        _samples = new Queue<BacklogSample>(sampleCapacity);
        _sampler = timeProvider.CreateTimer(_ => TakeSample(), null, SampleInterval, SampleInterval);
    }

    /// <summary>The time between two backlog samples.</summary>
    public TimeSpan SampleInterval { get; }

    /// <summary>Records a flush that returned.</summary>
    public void Record(FlushResult result, TimeSpan duration)
    {
        var outcome = FlushHistoryEntry.OutcomeOf(result);
        var entry = new FlushHistoryEntry(_timeProvider.GetUtcNow(), duration, result, outcome, Error: null);
        lock (_gate)
        {
            _sentSinceSample += result.Sent;
            _deadLetteredSinceSample += result.DeadLettered;
            Add(entry);
        }
    }

    /// <summary>Records a flush that threw.</summary>
    public void RecordFailure(Exception exception, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var error = $"{exception.GetType().Name}: {exception.Message}";
        if (error.Length > MaxErrorLength)
        {
            error = string.Concat(error.AsSpan(0, MaxErrorLength - 1), "…");
        }

        var entry = new FlushHistoryEntry(_timeProvider.GetUtcNow(), duration, FlushResult.Empty, FlushOutcome.Failed, error);
        lock (_gate)
        {
            Add(entry);
        }
    }

    /// <summary>A copy of what is kept now.</summary>
    public FlushHistorySnapshot Snapshot()
    {
        lock (_gate)
        {
            return new FlushHistorySnapshot(_lastFlush, _flushes.Reverse().ToArray(), _samples.ToArray(), SampleInterval);
        }
    }

    /// <summary>Stops sampling; what was recorded stays readable.</summary>
    public void Dispose() => _sampler.Dispose();

    private void Add(FlushHistoryEntry entry)
    {
        _lastFlush = entry;
        if (entry.Outcome == FlushOutcome.Idle)
        {
            return;
        }

        if (_flushes.Count == _flushCapacity)
        {
            _flushes.Dequeue();
        }

        _flushes.Enqueue(entry);
    }

    private void TakeSample()
    {
        var pending = _pending();
        var at = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            if (_samples.Count == _sampleCapacity)
            {
                _samples.Dequeue();
            }

            _samples.Enqueue(new BacklogSample(at, pending, _sentSinceSample, _deadLetteredSinceSample));
            _sentSinceSample = 0;
            _deadLetteredSinceSample = 0;
        }
    }
}
