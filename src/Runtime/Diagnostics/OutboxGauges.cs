using System.Diagnostics.Metrics;
using TypedFga.Outbox;

namespace TypedFga.Diagnostics;

/// <summary>
/// Feeds the outbox gauges that need a query (dead letters, the age of the oldest pending operation) from a
/// snapshot taken in the background.
/// </summary>
/// <remarks>
/// <para>Observable callbacks run synchronously on the collector's thread, and must neither block it nor throw into
/// it; the outbox's queries are asynchronous, and read the file underneath. So a callback only reads the snapshot
/// and, when it is due, starts a refresh on the thread pool: what it reports may be one collection old.</para>
/// <para>The snapshot is refreshed after each flush of this process while the gauges are collected; on collection,
/// when appends may have changed it (at most every <see cref="MinRefreshInterval"/>) or when it is older than
/// <see cref="MaxSnapshotAge"/> (another process may flush the same file). The age is computed at collection from
/// the oldest operation's enqueue time, so it keeps growing between refreshes. A refresh that fails (the outbox
/// closed or unreadable) drops the snapshot: a gauge that cannot be read is absent rather than stale.</para>
/// </remarks>
internal sealed class OutboxGauges : IDisposable
{
    /// <summary>The oldest a snapshot may be before a collection refreshes it.</summary>
    internal static readonly TimeSpan MaxSnapshotAge = TimeSpan.FromSeconds(5);

    /// <summary>The least time between two refreshes started by collections.</summary>
    internal static readonly TimeSpan MinRefreshInterval = TimeSpan.FromSeconds(1);

    private readonly OutboxStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly object _gate = new();
    private Snapshot? _snapshot;
    private Task _refresh = Task.CompletedTask;
    private long? _lastRefreshStarted;
    private bool _stale = true;
    private bool _running;
    private bool _again;
    private bool _disposed;

    public OutboxGauges(OutboxStore store, TimeProvider timeProvider)
    {
        _store = store;
        _timeProvider = timeProvider;
    }

    /// <summary>The last refresh started; completes without throwing.</summary>
    public Task Refresh
    {
        get
        {
            lock (_gate)
            {
                return _refresh;
            }
        }
    }

    /// <summary>Notes that appends may have changed the values; cheap, the next due collection refreshes them.</summary>
    public void Invalidate()
    {
        lock (_gate)
        {
            _stale = true;
        }
    }

    /// <summary>Refreshes now (after a flush, which changes both values), or once more after a refresh running now.</summary>
    public void RefreshNow()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            if (_running)
            {
                _again = true;
                return;
            }

            StartRefresh();
        }
    }

    public IEnumerable<Measurement<long>> ObserveDeadLetters()
    {
        try
        {
            RefreshIfDue();
            return Volatile.Read(ref _snapshot) is { } snapshot ? [new Measurement<long>(snapshot.DeadLetters)] : [];
        }
        catch (Exception)
        {
            // Nothing may reach the collector; reporting nothing is the honest answer.
            return [];
        }
    }

    public IEnumerable<Measurement<double>> ObserveOldestPendingAge()
    {
        try
        {
            RefreshIfDue();
            if (Volatile.Read(ref _snapshot) is not { } snapshot)
            {
                return [];
            }

            var age = snapshot.OldestEnqueuedAt is { } enqueuedAt ? _timeProvider.GetUtcNow() - enqueuedAt : TimeSpan.Zero;
            return [new Measurement<double>(Math.Max(0, age.TotalSeconds))];
        }
        catch (Exception)
        {
            return [];
        }
    }

    /// <summary>Stops refreshing, and waits for a running read (never long): the outbox is usually closed next.</summary>
    public void Dispose()
    {
        Task refresh;
        lock (_gate)
        {
            _disposed = true;
            refresh = _refresh;
        }

        // Never faults: the read catches its own failures.
        refresh.GetAwaiter().GetResult();
    }

    private void RefreshIfDue()
    {
        lock (_gate)
        {
            if (_disposed || _running)
            {
                return;
            }

            if (_lastRefreshStarted is { } last)
            {
                var elapsed = _timeProvider.GetElapsedTime(last);
                if (elapsed < MinRefreshInterval || (!_stale && elapsed < MaxSnapshotAge))
                {
                    return;
                }
            }

            StartRefresh();
        }
    }

    // Called under the gate.
    private void StartRefresh()
    {
        _running = true;
        _stale = false;
        _lastRefreshStarted = _timeProvider.GetTimestamp();
        // Never on the caller's thread: that is the collector's, or the flush's.
        _refresh = Task.Run(RunRefreshesAsync);
    }

    private async Task RunRefreshesAsync()
    {
        while (true)
        {
            Snapshot? snapshot;
            try
            {
                var deadLetters = await _store.GetDeadLetterCountAsync().ConfigureAwait(false);
                var oldest = await _store.GetPendingOperationsAsync(1).ConfigureAwait(false);
                snapshot = new Snapshot(deadLetters, oldest.Count == 0 ? null : oldest[0].EnqueuedAt);
            }
            catch (Exception)
            {
                snapshot = null;
            }

            Volatile.Write(ref _snapshot, snapshot);
            lock (_gate)
            {
                if (!_again || _disposed)
                {
                    _running = false;
                    return;
                }

                _again = false;
                _stale = false;
                _lastRefreshStarted = _timeProvider.GetTimestamp();
            }
        }
    }

    private sealed record Snapshot(long DeadLetters, DateTimeOffset? OldestEnqueuedAt);
}
