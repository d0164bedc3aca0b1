namespace TypedFga.Server.Faults;

/// <summary>
/// A fault plan for tests: queued faults hit the next matching requests one each, in order, and a standing
/// latency delays every request. Thread-safe. Install it with
/// <c>ServerHost.Build(args, services =&gt; services.AddSingleton&lt;IFaultInjector&gt;(injector))</c>.
/// </summary>
public sealed class ScriptedFaultInjector : IFaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<(Fault Fault, Func<HttpRequest, bool>? Matches)> _queue = [];
    private TimeSpan _latency;
    private int _injected;

    /// <summary>How many faults (queued ones and standing latency) have been applied so far.</summary>
    public int Injected
    {
        get
        {
            lock (_gate)
            {
                return _injected;
            }
        }
    }

    /// <summary>How many queued faults have not met a request yet.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Queues <paramref name="count"/> copies of a fault for the next requests that match (all requests when no filter is given).</summary>
    public ScriptedFaultInjector Enqueue(Fault fault, int count = 1, Func<HttpRequest, bool>? matches = null)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _queue.Add((fault, matches));
            }
        }

        return this;
    }

    /// <summary>Queues <paramref name="count"/> error answers with the given status and OpenFGA code.</summary>
    public ScriptedFaultInjector FailNext(int count, int status, string code, string message, Func<HttpRequest, bool>? matches = null) =>
        Enqueue(Fault.Error(status, code, message), count, matches);

    /// <summary>Delays every request that no queued fault handles; <see cref="TimeSpan.Zero"/> turns it off.</summary>
    public ScriptedFaultInjector SetLatency(TimeSpan latency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(latency, TimeSpan.Zero);
        lock (_gate)
        {
            _latency = latency;
        }

        return this;
    }

    /// <summary>Removes every queued fault and the standing latency.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _queue.Clear();
            _latency = TimeSpan.Zero;
        }
    }

    /// <inheritdoc />
    public Fault? Next(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        lock (_gate)
        {
            var index = _queue.FindIndex(entry => entry.Matches?.Invoke(context.Request) ?? true);
            if (index >= 0)
            {
                var fault = _queue[index].Fault;
                _queue.RemoveAt(index);
                _injected++;
                return fault;
            }

            if (_latency > TimeSpan.Zero)
            {
                _injected++;
                return Fault.Latency(_latency);
            }

            return null;
        }
    }
}
