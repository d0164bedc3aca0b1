using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using TypedFga.Diagnostics;
using TypedFga.Flushing;
using TypedFga.Runtime.Tests.Outbox;

namespace TypedFga.Runtime.Tests.Diagnostics;

public sealed class FgaMetricsTests
{
    [Fact]
    public async Task Enqueued_operations_flush_outcomes_and_pending_are_measured()
    {
        using var outbox = new TempOutbox();
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var metrics = new FgaMetrics(services.GetRequiredService<IMeterFactory>(), outbox.Store);
        var measured = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == FgaMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var key = instrument.Name + string.Concat(tags.ToArray().Select(t => $"|{t.Key}={t.Value}"));
            lock (measured)
            {
                measured[key] = measured.GetValueOrDefault(key) + value;
            }
        });
        listener.Start();

        await outbox.Store.GrantAsync(TempOutbox.Connection, new TupleKey("user:anne", "viewer", "document:1"));
        await outbox.Store.GrantAsync(TempOutbox.Connection, new TupleKey("user:bob", "viewer", "document:1"));
        listener.RecordObservableInstruments();
        Assert.Equal(2, measured["typedfga.outbox.pending"]);

        metrics.Flushed(new FlushResult(Writes: 2, Deletes: 0, Failed: 1, DeadLettered: 0, Superseded: 0) { TakenOver = 3 }, TimeSpan.FromMilliseconds(5));

        Assert.Equal(2, measured["typedfga.outbox.enqueued"]);
        Assert.Equal(2, measured["typedfga.flush.operations|outcome=written"]);
        Assert.Equal(1, measured["typedfga.flush.operations|outcome=failed"]);
        Assert.False(measured.ContainsKey("typedfga.flush.operations|outcome=deleted"));
        Assert.Equal(3, measured["typedfga.flush.leases_taken_over"]);
    }
}
