using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TypedFga.Flushing;
using TypedFga.Hosting;
using TypedFga.Pipeline.Tests.Infrastructure;

namespace TypedFga.Pipeline.Tests.Hosting;

/// <summary>What AddFga binds from configuration.</summary>
public sealed class OptionsBindingTests
{
    [Fact]
    public async Task A_configured_backoff_replaces_the_default_delays()
    {
        await using var host = PipelineHost.Build(new Dictionary<string, string?>
        {
            ["Fga:WriteBehind:Backoff:0"] = "00:00:01",
            ["Fga:WriteBehind:Backoff:1"] = "00:00:02",
        });

        var options = host.Services.GetRequiredService<IOptions<WriteBehindOptions>>().Value;

        Assert.Equal(new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2) }, options.Backoff);
    }

    [Fact]
    public async Task Without_a_configured_backoff_the_defaults_stay()
    {
        await using var host = PipelineHost.Build(new Dictionary<string, string?>());

        var options = host.Services.GetRequiredService<IOptions<WriteBehindOptions>>().Value;

        Assert.Equal(new[] { TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60) }, options.Backoff);
    }

    [Fact]
    public async Task Every_write_behind_key_binds_from_the_Fga_WriteBehind_section()
    {
        await using var host = PipelineHost.Build(new Dictionary<string, string?>
        {
            ["Fga:WriteBehind:Enabled"] = "false",
            ["Fga:WriteBehind:FlushOnShutdown"] = "false",
            ["Fga:WriteBehind:PeriodicFlush"] = "0 0/5 * * * ?",
            ["Fga:WriteBehind:Durability"] = "Full",
            ["Fga:WriteBehind:BatchSize"] = "7",
            ["Fga:WriteBehind:FlushInterval"] = "00:00:03",
            ["Fga:WriteBehind:MaxTuplesPerWrite"] = "20",
            ["Fga:WriteBehind:MaxParallelRequests"] = "3",
            ["Fga:WriteBehind:MaxAttempts"] = "4",
            ["Fga:WriteBehind:RequestTimeout"] = "00:00:05",
            ["Fga:WriteBehind:LeaseDuration"] = "00:01:00",
        });

        var fga = host.Services.GetRequiredService<IOptions<FgaOptions>>().Value.WriteBehind;
        var writeBehind = host.Services.GetRequiredService<IOptions<WriteBehindOptions>>().Value;

        Assert.Equal((false, false, "0 0/5 * * * ?"), (fga.Enabled, fga.FlushOnShutdown, fga.PeriodicFlush));
        Assert.Equal(Outbox.OutboxDurability.Full, writeBehind.Durability);
        Assert.Equal((7, TimeSpan.FromSeconds(3), 20, 3, 4), (writeBehind.BatchSize, writeBehind.FlushInterval, writeBehind.MaxTuplesPerWrite, writeBehind.MaxParallelRequests, writeBehind.MaxAttempts));
        Assert.Equal((TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1)), (writeBehind.RequestTimeout, writeBehind.LeaseDuration));
    }
}
