using Microsoft.Extensions.Diagnostics.HealthChecks;
using TypedFga.Diagnostics;
using TypedFga.Runtime.Tests.Outbox;

namespace TypedFga.Runtime.Tests.Diagnostics;

public sealed class WriteBehindHealthCheckTests
{
    private static readonly TupleKey Tuple = new("user:anne", "viewer", "document:1");

    [Fact]
    public async Task Healthy_while_pending_operations_are_recent()
    {
        using var outbox = new TempOutbox();
        await outbox.Store.GrantAsync(TempOutbox.Connection, Tuple);
        var check = new WriteBehindHealthCheck(outbox.Store, Microsoft.Extensions.Options.Options.Create(outbox.Options), outbox.Time);

        outbox.Time.Advance(outbox.Options.FlushInterval * 2);
        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal(1L, result.Data["pending"]);
    }

    [Fact]
    public async Task Degraded_when_the_oldest_pending_operation_is_long_overdue()
    {
        using var outbox = new TempOutbox();
        await outbox.Store.GrantAsync(TempOutbox.Connection, Tuple);
        var check = new WriteBehindHealthCheck(outbox.Store, Microsoft.Extensions.Options.Options.Create(outbox.Options), outbox.Time);

        outbox.Time.Advance(outbox.Options.FlushInterval * (WriteBehindHealthCheck.StaleAfterIntervals + 1));
        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains("oldest pending operation has waited 65 s", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Degraded_while_dead_letters_exist_and_healthy_again_once_they_are_purged()
    {
        using var outbox = new TempOutbox();
        var backend = new FakeFgaBackend();
        backend.Reject("user:anne", "viewer", "document:1", "type 'document' has no relation 'viewer'");
        await outbox.Store.GrantAsync(TempOutbox.Connection, Tuple);
        await outbox.CreateFlusher(backend).FlushAsync();
        var check = new WriteBehindHealthCheck(outbox.Store, Microsoft.Extensions.Options.Options.Create(outbox.Options), outbox.Time);

        var degraded = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Equal(1L, degraded.Data["deadLetters"]);

        await outbox.Store.PurgeDeadLettersAsync();
        var healthy = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Healthy, healthy.Status);
    }
}
