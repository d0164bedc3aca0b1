using System.Diagnostics.Metrics;
using TypedFga.Diagnostics;

namespace TypedFga.Runtime.Tests.Diagnostics;

/// <summary>
/// Listens to the TypedFga meter of one meter factory (other tests' hosts create meters of the same name): sums
/// counters per instrument and tags, and reads observable instruments on demand.
/// </summary>
internal sealed class MeterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, double> _totals = [];
    private readonly Dictionary<string, double> _observed = [];

    public MeterRecorder(IMeterFactory meterFactory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == FgaMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>The sum of a counter's measurements; the key is the name followed by <c>|tag=value</c> per tag.</summary>
    public IReadOnlyDictionary<string, double> Totals
    {
        get
        {
            lock (_totals)
            {
                return new Dictionary<string, double>(_totals);
            }
        }
    }

    /// <summary>Runs a collection and returns what each observable instrument reported in it.</summary>
    public IReadOnlyDictionary<string, double> Observe()
    {
        lock (_observed)
        {
            _observed.Clear();
        }

        _listener.RecordObservableInstruments();
        lock (_observed)
        {
            return new Dictionary<string, double>(_observed);
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (instrument.IsObservable)
        {
            lock (_observed)
            {
                _observed[instrument.Name] = value;
            }

            return;
        }

        var key = instrument.Name + string.Concat(tags.ToArray().Select(t => $"|{t.Key}={t.Value}"));
        lock (_totals)
        {
            _totals[key] = _totals.GetValueOrDefault(key) + value;
        }
    }
}
