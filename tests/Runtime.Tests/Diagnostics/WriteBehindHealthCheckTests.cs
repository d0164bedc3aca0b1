using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
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
        var check = CreateCheck(outbox);

        outbox.Time.Advance(outbox.Options.FlushInterval * 2);
        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal(1L, result.Data["pending"]);
        Assert.Equal("1 pending, no dead letters", result.Description);
    }

    [Fact]
    public async Task Degraded_when_the_oldest_pending_operation_is_long_overdue()
    {
        using var outbox = new TempOutbox();
        await outbox.Store.GrantAsync(TempOutbox.Connection, Tuple);
        var check = CreateCheck(outbox);

        outbox.Time.Advance(outbox.Options.FlushInterval * (WriteBehindHealthCheck.StaleAfterIntervals + 1));
        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains("oldest pending operation has waited 65 s (more than 60 s)", result.Description, StringComparison.Ordinal);
        Assert.Equal(60.0, result.Data["maxPendingAgeSeconds"]);
    }

    [Fact]
    public async Task Degraded_while_dead_letters_exist_and_healthy_again_once_they_are_purged()
    {
        using var outbox = new TempOutbox();
        await DeadLetterOne(outbox);
        var check = CreateCheck(outbox);

        var degraded = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Equal(1L, degraded.Data["deadLetters"]);
        Assert.Equal(true, degraded.Data["deadLettersReported"]);

        await outbox.Store.PurgeDeadLettersAsync();
        var healthy = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Healthy, healthy.Status);
    }

    [Fact]
    public async Task The_registration_failure_status_is_what_a_problem_is_reported_as()
    {
        using var outbox = new TempOutbox();
        await DeadLetterOne(outbox);
        var check = CreateCheck(outbox);
        var context = new HealthCheckContext
        {
            Registration = new HealthCheckRegistration("fga", check, HealthStatus.Unhealthy, tags: null),
        };

        var result = await check.CheckHealthAsync(context);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
    }

    [Fact]
    public async Task Too_many_pending_operations_are_reported_only_above_MaxPending()
    {
        using var outbox = new TempOutbox();
        var check = CreateCheck(outbox, new WriteBehindHealthCheckOptions { MaxPending = 2 });
        for (var i = 0; i < 2; i++)
        {
            await outbox.Store.GrantAsync(TempOutbox.Connection, new TupleKey($"user:u{i}", "viewer", "document:1"));
        }

        var atLimit = await check.CheckHealthAsync(new HealthCheckContext());
        await outbox.Store.GrantAsync(TempOutbox.Connection, new TupleKey("user:u2", "viewer", "document:1"));
        var overLimit = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, atLimit.Status);
        Assert.Equal(2L, atLimit.Data["maxPending"]);
        Assert.Equal(HealthStatus.Degraded, overLimit.Status);
        Assert.Equal("3 operations are pending (more than 2): flushes are not keeping up with the writes", overLimit.Description);
    }

    [Fact]
    public async Task The_pending_count_is_not_checked_by_default()
    {
        using var outbox = new TempOutbox();
        for (var i = 0; i < 50; i++)
        {
            await outbox.Store.GrantAsync(TempOutbox.Connection, new TupleKey($"user:u{i}", "viewer", "document:1"));
        }

        var result = await CreateCheck(outbox).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.False(result.Data.ContainsKey("maxPending"));
    }

    [Fact]
    public async Task A_configured_MaxPendingAge_replaces_the_multiple_of_the_flush_interval()
    {
        using var outbox = new TempOutbox();
        await outbox.Store.GrantAsync(TempOutbox.Connection, Tuple);
        var check = CreateCheck(outbox, new WriteBehindHealthCheckOptions { MaxPendingAge = TimeSpan.FromSeconds(20) });

        outbox.Time.Advance(TimeSpan.FromSeconds(20));
        var atLimit = await check.CheckHealthAsync(new HealthCheckContext());
        outbox.Time.Advance(TimeSpan.FromSeconds(1));
        var overLimit = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, atLimit.Status);
        Assert.Equal(20.0, atLimit.Data["maxPendingAgeSeconds"]);
        Assert.Equal(HealthStatus.Degraded, overLimit.Status);
        Assert.Equal("the oldest pending operation has waited 21 s (more than 20 s): last error: none", overLimit.Description);
    }

    [Fact]
    public async Task Dead_letters_can_be_left_out_of_the_status_and_are_still_counted()
    {
        using var outbox = new TempOutbox();
        await DeadLetterOne(outbox);
        var check = CreateCheck(outbox, new WriteBehindHealthCheckOptions { ReportDeadLetters = false });

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal("0 pending, 1 dead letter(s), not reported", result.Description);
        Assert.Equal(1L, result.Data["deadLetters"]);
        Assert.Equal(false, result.Data["deadLettersReported"]);
    }

    [Fact]
    public async Task Every_crossed_threshold_is_named_in_the_description()
    {
        using var outbox = new TempOutbox();
        await DeadLetterOne(outbox);
        await outbox.Store.GrantAsync(TempOutbox.Connection, new TupleKey("user:bob", "viewer", "document:1"));
        await outbox.Store.GrantAsync(TempOutbox.Connection, new TupleKey("user:carl", "viewer", "document:1"));
        var check = CreateCheck(outbox, new WriteBehindHealthCheckOptions { MaxPending = 1, MaxPendingAge = TimeSpan.FromSeconds(1) });

        outbox.Time.Advance(TimeSpan.FromSeconds(2));
        var result = await check.CheckHealthAsync(new HealthCheckContext());

        var problems = result.Description!.Split("; ");
        Assert.Equal(3, problems.Length);
        Assert.StartsWith("1 operation(s) are dead letters", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("2 operations are pending (more than 1)", problems[1], StringComparison.Ordinal);
        Assert.StartsWith("the oldest pending operation has waited 2 s (more than 1 s)", problems[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_thresholds_are_refused_with_every_problem_named()
    {
        using var outbox = new TempOutbox();

        var exception = Assert.Throws<ArgumentException>(() => CreateCheck(
            outbox, new WriteBehindHealthCheckOptions { MaxPending = -1, MaxPendingAge = TimeSpan.Zero }));

        Assert.Equal("thresholds", exception.ParamName);
        Assert.Contains("MaxPending must be null (not checked) or at least 0 (was -1)", exception.Message, StringComparison.Ordinal);
        Assert.Contains("MaxPendingAge must be null (the default) or positive (was 00:00:00)", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0L, null)]
    [InlineData(null, 0.001)]
    public void Boundary_thresholds_are_valid(long? maxPending, double? maxPendingAgeSeconds)
    {
        var options = new WriteBehindHealthCheckOptions
        {
            MaxPending = maxPending,
            MaxPendingAge = maxPendingAgeSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
        };

        Assert.True(new WriteBehindHealthCheckOptionsValidator().Validate("fga", options).Succeeded);
    }

    internal static async Task DeadLetterOne(TempOutbox outbox)
    {
        var backend = new FakeFgaBackend();
        backend.Reject("user:anne", "viewer", "document:1", "type 'document' has no relation 'viewer'");
        await outbox.Store.GrantAsync(TempOutbox.Connection, Tuple);
        await outbox.CreateFlusher(backend).FlushAsync();
    }

    private static WriteBehindHealthCheck CreateCheck(TempOutbox outbox, WriteBehindHealthCheckOptions? thresholds = null) =>
        new(outbox.Store, Options.Create(outbox.Options), outbox.Time, thresholds ?? new WriteBehindHealthCheckOptions());
}
