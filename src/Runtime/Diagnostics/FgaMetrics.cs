using System.Diagnostics.Metrics;
using TypedFga.Flushing;
using TypedFga.Outbox;

namespace TypedFga.Diagnostics;

/// <summary>
/// The runtime's metrics, on the meter <c>TypedFga</c> (collect them with OpenTelemetry or <c>dotnet-counters</c>):
/// operations enqueued, flush outcomes, flush duration, leases taken over from ended processes, the pending
/// operations of this process, and the outbox's dead letters and the age of its oldest pending operation.
/// </summary>
/// <remarks>
/// The dead letters and the oldest pending operation are read from the outbox file in the background (after each
/// flush recorded here while they are collected, and on collection at most every few seconds), so these two gauges
/// may lag by one collection; the age itself is computed at each collection. Nothing is read while no one collects.
/// </remarks>
public sealed class FgaMetrics : IDisposable
{
    /// <summary>The name of the meter.</summary>
    public const string MeterName = "TypedFga";

    private readonly Meter _meter;
    private readonly OutboxStore _outbox;
    private readonly Counter<long> _enqueued;
    private readonly Counter<long> _flushed;
    private readonly Histogram<double> _flushDuration;
    private readonly Counter<long> _takenOver;
    private readonly OutboxGauges _gauges;
    private readonly ObservableGauge<long> _deadLetters;
    private readonly ObservableGauge<double> _oldestPendingAge;

    /// <summary>Creates the instruments; <paramref name="outbox"/> feeds the outbox gauges.</summary>
    public FgaMetrics(IMeterFactory meterFactory, OutboxStore outbox)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(outbox);
        _outbox = outbox;
        _meter = meterFactory.Create(MeterName);
        _enqueued = _meter.CreateCounter<long>("typedfga.outbox.enqueued", "{operation}", "Grants and revokes stored in the write-behind outbox.");
        _flushed = _meter.CreateCounter<long>("typedfga.flush.operations", "{operation}", "Operations handled by flushes, by outcome.");
        _flushDuration = _meter.CreateHistogram<double>("typedfga.flush.duration", "s", "How long flushes take.");
        _takenOver = _meter.CreateCounter<long>(
            "typedfga.flush.leases_taken_over", "{operation}", "Operations whose lease was taken back from a flusher on this machine whose process had ended.");
        _gauges = new OutboxGauges(outbox, outbox.TimeProvider);
        _meter.CreateObservableGauge("typedfga.outbox.pending", () => outbox.PendingEstimate, "{operation}", "Operations waiting in the outbox, as this process counts them.");
        _deadLetters = _meter.CreateObservableGauge(
            "typedfga.outbox.dead_letters", _gauges.ObserveDeadLetters, "{operation}", "Operations given up on, waiting in the outbox's dead letters to be retried or purged.");
        _oldestPendingAge = _meter.CreateObservableGauge(
            "typedfga.outbox.oldest_pending_age", _gauges.ObserveOldestPendingAge, "s", "How long the oldest pending operation has waited; 0 when none is pending.");
        _outbox.Appended += OnAppended;
    }

    /// <summary>Records what a flush did and how long it took.</summary>
    public void Flushed(FlushResult result, TimeSpan duration)
    {
        Add(result.Writes, "written");
        Add(result.Deletes, "deleted");
        Add(result.Failed, "failed");
        Add(result.DeadLettered, "dead_lettered");
        Add(result.Superseded, "superseded");
        if (result.TakenOver > 0)
        {
            _takenOver.Add(result.TakenOver);
        }

        _flushDuration.Record(duration.TotalSeconds);
        // A flush changes both values; they are read at once only while someone collects them.
        if (_deadLetters.Enabled || _oldestPendingAge.Enabled)
        {
            _gauges.RefreshNow();
        }
        else
        {
            _gauges.Invalidate();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _outbox.Appended -= OnAppended;
        _gauges.Dispose();
        _meter.Dispose();
    }

    /// <summary>The last background refresh of the dead letter and oldest pending age gauges.</summary>
    internal Task GaugeRefresh => _gauges.Refresh;

    private void OnAppended(object? sender, OutboxAppendedEventArgs e)
    {
        _enqueued.Add(e.Appended);
        _gauges.Invalidate();
    }

    private void Add(int count, string outcome)
    {
        if (count > 0)
        {
            _flushed.Add(count, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }
}
