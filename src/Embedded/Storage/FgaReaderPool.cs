namespace TypedFga.Embedded.Storage;

/// <summary>
/// Reader connections for concurrent reads: a request rents one, with its prepared statements, and returns it.
/// Up to <c>maxIdle</c> readers stay open between requests; a request that finds none idle opens another, so
/// reads never wait for each other, and readers beyond the limit are closed when returned. Closing the pool
/// refuses new rents and waits until every rented reader is back.
/// </summary>
/// <param name="open">Opens another reader.</param>
/// <param name="maxIdle">Readers kept open between requests.</param>
/// <param name="owner">
/// The type named by the <see cref="ObjectDisposedException"/> of a rent after closing: the one the caller disposed,
/// not this pool, which callers never see.
/// </param>
internal sealed class FgaReaderPool(Func<FgaReader> open, int maxIdle, Type owner) : IDisposable
{
    private readonly object _gate = new();
    private readonly Stack<FgaReader> _idle = new();
    private int _rented;
    private bool _closed;

    public FgaReader Rent()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_closed, owner);
            _rented++;
            if (_idle.TryPop(out var idle))
            {
                return idle;
            }
        }

        try
        {
            return open();
        }
        catch
        {
            Released();
            throw;
        }
    }

    /// <summary>Takes a reader back; one left inside a transaction (a failed request) is closed instead.</summary>
    public void Return(FgaReader reader)
    {
        var reusable = reader.IsIdle;
        lock (_gate)
        {
            if (reusable && !_closed && _idle.Count < maxIdle)
            {
                _idle.Push(reader);
                ReleasedLocked();
                return;
            }
        }

        // Closed before it counts as returned, so that a disposed pool has no connection left open.
        reader.Dispose();
        Released();
    }

    /// <summary>Refuses new rents, waits for the rented readers to come back, and closes every reader.</summary>
    public void Dispose()
    {
        FgaReader[] idle;
        lock (_gate)
        {
            _closed = true;
            while (_rented > 0)
            {
                Monitor.Wait(_gate);
            }

            idle = [.. _idle];
            _idle.Clear();
        }

        foreach (var reader in idle)
        {
            reader.Dispose();
        }
    }

    private void Released()
    {
        lock (_gate)
        {
            ReleasedLocked();
        }
    }

    private void ReleasedLocked()
    {
        if (--_rented == 0 && _closed)
        {
            Monitor.PulseAll(_gate);
        }
    }
}
