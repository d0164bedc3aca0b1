using Microsoft.Data.Sqlite;

namespace TypedFga.Outbox;

/// <summary>
/// Runs every write of the process on one connection and commits concurrent writes together (group commit).
/// </summary>
/// <remarks>
/// A caller that finds the writer idle runs its own write on its own thread, so a lone caller pays one
/// commit and no thread switch. Callers that arrive meanwhile queue up; the next round commits all of them
/// in one transaction, on a thread-pool thread that keeps draining while writes keep arriving. Each caller
/// is released only after the transaction holding its write has committed.
/// </remarks>
internal sealed class GroupCommitWriter : IDisposable
{
    private const int MaxWritesPerTransaction = 1024;
    private static readonly TimeSpan MaxGroupingDelay = TimeSpan.FromMilliseconds(0.2);

    private readonly object _gate = new();
    private readonly SqliteConnection _connection;
    private readonly OutboxWriteContext _context;
    private readonly Action<IReadOnlyList<OutboxWrite>, OutboxWriteContext> _committed;
    private List<OutboxWrite> _queue = [];
    private List<OutboxWrite> _spare = [];
    private bool _draining;
    private bool _disposed;

    /// <param name="connection">The open connection this writer owns from now on.</param>
    /// <param name="committed">Called on the writer's thread after each commit, before the callers are released, with the writes it held and their context.</param>
    public GroupCommitWriter(SqliteConnection connection, Action<IReadOnlyList<OutboxWrite>, OutboxWriteContext> committed)
    {
        _connection = connection;
        _context = new OutboxWriteContext(connection);
        _committed = committed;
    }

    /// <summary>Queues <paramref name="write"/>; its task completes when its transaction has committed.</summary>
    public Task Submit(OutboxWrite write)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _queue.Add(write);
            if (_draining)
            {
                return write.Task;
            }

            _draining = true;
        }

        // This caller leads: it commits its own round, then hands any writes that queued meanwhile to the pool.
        RunRound();
        lock (_gate)
        {
            if (_queue.Count == 0)
            {
                StopDraining();
                return write.Task;
            }
        }

        ThreadPool.UnsafeQueueUserWorkItem(static writer => writer.DrainInBackground(), this, preferLocal: false);
        return write.Task;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            while (_draining)
            {
                Monitor.Wait(_gate);
            }
        }

        _context.Dispose();
        _connection.Dispose();
    }

    private void DrainInBackground()
    {
        while (true)
        {
            var committed = RunRound();
            if (committed > 1)
            {
                AwaitCallersOfLastRound(committed);
            }

            lock (_gate)
            {
                if (_queue.Count == 0)
                {
                    StopDraining();
                    return;
                }
            }
        }
    }

    /// <summary>
    /// Under contention, gives the callers just released a moment to queue their next writes, so the next round
    /// commits them together instead of one by one (the same idea as PostgreSQL's commit_delay, which also applies
    /// only when other writers are active). A lone caller never gets here.
    /// </summary>
    private void AwaitCallersOfLastRound(int expected)
    {
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        while (System.Diagnostics.Stopwatch.GetElapsedTime(start) < MaxGroupingDelay)
        {
            lock (_gate)
            {
                if (_queue.Count >= expected)
                {
                    return;
                }
            }

            Thread.Yield();
        }
    }

    private void StopDraining()
    {
        _draining = false;
        Monitor.PulseAll(_gate);
    }

    private int RunRound()
    {
        List<OutboxWrite> batch;
        lock (_gate)
        {
            if (_queue.Count <= MaxWritesPerTransaction)
            {
                batch = _queue;
                _queue = _spare;
                _spare = batch;
            }
            else
            {
                batch = _queue.GetRange(0, MaxWritesPerTransaction);
                _queue.RemoveRange(0, MaxWritesPerTransaction);
            }
        }

        Commit(batch);
        var count = batch.Count;
        lock (_gate)
        {
            batch.Clear();
        }

        return count;
    }

    private void Commit(List<OutboxWrite> batch)
    {
        // A write that throws is failed alone; the others run again without it in a fresh transaction.
        var pending = new List<OutboxWrite>(batch);
        while (pending.Count > 0)
        {
            OutboxWrite? culprit = null;
            try
            {
                using var transaction = _connection.BeginTransaction(deferred: false);
                _context.Begin(transaction);
                foreach (var write in pending)
                {
                    culprit = write;
                    write.Execute(_context);
                }

                culprit = null;
                transaction.Commit();
            }
            catch (Exception exception)
            {
                if (culprit is null)
                {
                    // Beginning or committing failed: nothing in this round is durable.
                    foreach (var write in pending)
                    {
                        write.Fail(exception);
                    }

                    return;
                }

                culprit.Fail(exception);
                pending.Remove(culprit);
                continue;
            }

            try
            {
                _committed(pending, _context);
            }
            finally
            {
                foreach (var write in pending)
                {
                    write.Complete();
                }
            }

            return;
        }
    }
}
