using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TypedFga.Pipeline.Tests.Infrastructure;

namespace TypedFga.Pipeline.Tests.ReadYourWrites;

/// <summary>
/// The system clock can step back (an NTP correction, a virtual machine resumed on another host). Whether a write was
/// acknowledged before a check began is a matter of order, not of what the clock said: a check after the write
/// returned must still read it.
/// </summary>
public sealed class ClockStepTests
{
    private static readonly TupleKey Anne = new("user:anne", "viewer", "document:roadmap");

    [Fact]
    public async Task A_revoke_is_read_by_the_next_check_after_the_clock_stepped_back()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        await using var host = await StartAsync(clock);
        await host.Client.GrantAsync(Anne, WriteMode.Immediate);

        await host.Client.RevokeAsync(Anne);
        clock.AdjustTime(clock.GetUtcNow() - TimeSpan.FromSeconds(1));

        Assert.False(
            await host.Client.CheckAsync(new CheckQuery(Anne.User, Anne.Relation, Anne.Object)),
            "The check allowed a tuple whose revoke had returned, because the clock had stepped back a second since.");
    }

    [Fact]
    public async Task A_grant_is_read_by_the_next_check_after_the_clock_stepped_back()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        await using var host = await StartAsync(clock);

        await host.Client.GrantAsync(Anne);
        clock.AdjustTime(clock.GetUtcNow() - TimeSpan.FromSeconds(1));

        Assert.True(
            await host.Client.CheckAsync(new CheckQuery(Anne.User, Anne.Relation, Anne.Object)),
            "The check denied a grant that had returned, because the clock had stepped back a second since.");
    }

    private static async Task<PipelineHost> StartAsync(TimeProvider clock)
    {
        var host = PipelineHost.Build(
            new Dictionary<string, string?> { ["Fga:WriteBehind:FlushInterval"] = "01:00:00" },
            services => services.AddSingleton(clock));
        await host.StartAsync();
        return host;
    }
}
