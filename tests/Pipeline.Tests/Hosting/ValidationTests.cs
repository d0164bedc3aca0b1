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

    [Theory]
    [InlineData(null, null, "Fga:WriteBehind:Store is PostgreSql: set Fga:WriteBehind:ConnectionString")]
    [InlineData(null, "Outbox", "Fga:WriteBehind:ConnectionStringName names 'ConnectionStrings:Outbox', which is not set")]
    [InlineData("Host=db;Port=not-a-port", null, "Fga:WriteBehind:ConnectionString cannot be read")]
    public async Task A_shared_outbox_without_a_usable_connection_string_is_refused_at_start(string? connectionString, string? name, string expected)
    {
        await using var host = PipelineHost.Build(new Dictionary<string, string?>
        {
            ["Fga:Backend"] = "OpenFga",
            ["Fga:ApiUrl"] = "http://127.0.0.1:9/",
            ["Fga:StoreId"] = "01HVMMBCMGZNT3SED4Z17ECXCA",
            ["Fga:WriteBehind:Store"] = "PostgreSql",
            ["Fga:WriteBehind:ConnectionString"] = connectionString,
            ["Fga:WriteBehind:ConnectionStringName"] = name,
        });

        var failure = await Assert.ThrowsAnyAsync<Exception>(host.StartAsync);

        var message = Assert.Single(Failures(failure));
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_named_connection_string_is_read_from_the_ConnectionStrings_section()
    {
        await using var host = PipelineHost.Build(new Dictionary<string, string?>
        {
            ["Fga:Backend"] = "OpenFga",
            ["Fga:ApiUrl"] = "http://127.0.0.1:9/",
            ["Fga:StoreId"] = "01HVMMBCMGZNT3SED4Z17ECXCA",
            ["ConnectionStrings:Outbox"] = "Host=db.internal;Database=app;Username=app",
            ["Fga:WriteBehind:Store"] = "PostgreSql",
            ["Fga:WriteBehind:ConnectionStringName"] = "Outbox",
        });

        // Resolved without connecting: the store opens the database on first use.
        var outbox = Assert.IsType<TypedFga.Outbox.PostgreSql.PostgreSqlOutboxStore>(host.Outbox);
        Assert.Equal("PostgreSQL database 'app' on db.internal:5432", outbox.Location);
    }

    private static IEnumerable<string> Failures(Exception exception) => exception switch
    {
        OptionsValidationException options => options.Failures,
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(Failures),
        _ => [exception.Message],
    };
}
