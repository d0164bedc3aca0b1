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
        var meterFactory = services.GetRequiredService<IMeterFactory>();
        using var metrics = new FgaMetrics(meterFactory, outbox.Store);
        using var recorder = new MeterRecorder(meterFactory);

        await outbox.Store.GrantAsync(TempOutbox.Connection, new TupleKey("user:anne", "viewer", "document:1"));
        await outbox.Store.GrantAsync(TempOutbox.Connection, new TupleKey("user:bob", "viewer", "document:1"));
        Assert.Equal(2, recorder.Observe()["typedfga.outbox.pending"]);

        metrics.Flushed(new FlushResult(Writes: 2, Deletes: 0, Failed: 1, DeadLettered: 0, Superseded: 0) { TakenOver = 3 }, TimeSpan.FromMilliseconds(5));

        var totals = recorder.Totals;
        Assert.Equal(2, totals["typedfga.outbox.enqueued"]);
        Assert.Equal(2, totals["typedfga.flush.operations|outcome=written"]);
        Assert.Equal(1, totals["typedfga.flush.operations|outcome=failed"]);
        Assert.False(totals.ContainsKey("typedfga.flush.operations|outcome=deleted"));
        Assert.Equal(3, totals["typedfga.flush.leases_taken_over"]);
        Assert.Equal(0.005, totals["typedfga.flush.duration"], precision: 6);
    }
}
