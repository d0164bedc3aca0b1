using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TypedFga.Flushing;
using TypedFga.Runtime.Tests.Outbox;

namespace TypedFga.Runtime.Tests.Diagnostics;

/// <summary>AddFgaWriteBehind as a host runs it: through the health check service, with named options.</summary>
public sealed class WriteBehindHealthCheckRegistrationTests
{
    [Fact]
    public async Task Problems_are_reported_as_Degraded_unless_the_registration_says_otherwise()
    {
        using var outbox = new TempOutbox();
        await WriteBehindHealthCheckTests.DeadLetterOne(outbox);
        using var services = BuildServices(outbox, checks => checks
            .AddFgaWriteBehind()
            .AddFgaWriteBehind("fga-critical", HealthStatus.Unhealthy));

        var report = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Degraded, report.Entries["fga-write-behind"].Status);
        Assert.Equal(HealthStatus.Unhealthy, report.Entries["fga-critical"].Status);
    }

    [Fact]
    public async Task Each_registration_has_its_own_thresholds()
    {
        using var outbox = new TempOutbox();
        await outbox.Store.GrantAsync(TempOutbox.Connection, new TupleKey("user:anne", "viewer", "document:1"));
        await outbox.Store.GrantAsync(TempOutbox.Connection, new TupleKey("user:bob", "viewer", "document:1"));
        using var services = BuildServices(outbox, checks => checks
            .AddFgaWriteBehind(options => options.MaxPending = 1)
            .AddFgaWriteBehind("fga-lenient", tags: ["ready"], configure: options => options.MaxPending = 2));

        var report = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Degraded, report.Entries["fga-write-behind"].Status);
        Assert.Equal(1L, report.Entries["fga-write-behind"].Data["maxPending"]);
        Assert.Equal(HealthStatus.Healthy, report.Entries["fga-lenient"].Status);
        Assert.Equal(new[] { "ready" }, report.Entries["fga-lenient"].Tags);
    }

    [Fact]
    public void Invalid_thresholds_fail_the_start_with_the_check_named()
    {
        using var outbox = new TempOutbox();
        using var services = BuildServices(outbox, checks => checks.AddFgaWriteBehind(
            "fga-outbox", configure: options => { options.MaxPending = -5; options.MaxPendingAge = TimeSpan.FromSeconds(-1); }));

        var exception = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(
            new[]
            {
                "The health check 'fga-outbox': MaxPending must be null (not checked) or at least 0 (was -5).",
                "The health check 'fga-outbox': MaxPendingAge must be null (the default) or positive (was -00:00:01).",
            },
            exception.Failures);
    }

    [Fact]
    public void A_missing_name_or_configure_delegate_is_refused()
    {
        var checks = new ServiceCollection().AddHealthChecks();

        Assert.Throws<ArgumentException>(() => checks.AddFgaWriteBehind(" "));
        Assert.Throws<ArgumentNullException>(() => checks.AddFgaWriteBehind((Action<TypedFga.Diagnostics.WriteBehindHealthCheckOptions>)null!));
    }

    private static ServiceProvider BuildServices(TempOutbox outbox, Action<IHealthChecksBuilder> addChecks)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TypedFga.Outbox.OutboxStore>(outbox.Store)
            .AddSingleton(Options.Create(outbox.Options))
            .AddSingleton<TimeProvider>(outbox.Time);
        addChecks(services.AddHealthChecks());
        return services.BuildServiceProvider();
    }
}
