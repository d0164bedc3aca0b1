using Microsoft.Extensions.Options;
using TypedFga.Pipeline.Tests.Infrastructure;

namespace TypedFga.Pipeline.Tests.Hosting;

/// <summary>Configuration is checked when the host starts, and every problem is reported at once by its key.</summary>
public sealed class ValidationTests
{
    [Fact]
    public async Task Every_mistake_in_the_settings_is_reported_at_start_with_its_key()
    {
        await using var host = PipelineHost.Build(new Dictionary<string, string?>
        {
            ["Fga:Backend"] = "OpenFga",
            ["Fga:ApiUrl"] = "http://127.0.0.1:9/",
            ["Fga:Connections:acme:AuthorizationModelId"] = "01HVMMBCMGZNT3SED4Z17ECXCA",
            ["Fga:WriteBehind:PeriodicFlush"] = "every five minutes",
            ["Fga:WriteBehind:BatchSize"] = "0",
            ["Fga:WriteBehind:MaxTuplesPerWrite"] = "500",
            ["Fga:WriteBehind:FlushInterval"] = "-00:00:01",
            ["Fga:WriteBehind:RequestTimeout"] = "00:01:00",
            ["Fga:WriteBehind:LeaseDuration"] = "00:01:00",
        });

        var failure = await Assert.ThrowsAnyAsync<Exception>(host.StartAsync);

        var messages = Failures(failure).ToList();
        Assert.Contains(messages, m => m.Contains("Fga:StoreId", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("Fga:Connections:acme:StoreId", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("Fga:WriteBehind:PeriodicFlush", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("Fga:WriteBehind:BatchSize", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("Fga:WriteBehind:MaxTuplesPerWrite", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("Fga:WriteBehind:FlushInterval", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("Fga:WriteBehind:LeaseDuration", StringComparison.Ordinal));
        Assert.Equal(7, messages.Count);
    }

    private static IEnumerable<string> Failures(Exception exception) => exception switch
    {
        OptionsValidationException options => options.Failures,
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(Failures),
        _ => [exception.Message],
    };
}
