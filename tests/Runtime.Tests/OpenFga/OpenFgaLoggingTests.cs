using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TypedFga.OpenFga;
using TypedFga.Runtime.Tests.OpenFga.Fakes;
using TypedFga.Wire;

namespace TypedFga.Runtime.Tests.OpenFga;

/// <summary>What the registered HTTP client logs while OpenFGA is down, and that credentials never reach a log.</summary>
public sealed class OpenFgaLoggingTests
{
    private const string Secret = "s3cr3t-token-value";

    private static readonly CheckRequest AnyCheck = new()
    {
        TupleKey = new TupleKeyWithoutCondition { User = "user:anne", Relation = "viewer", Object = "document:1" },
    };

    [Fact]
    public async Task Retries_during_an_outage_log_no_warning_and_no_credentials_at_any_level()
    {
        await using var server = await FakeOpenFgaServer.StartAsync();
        server.Respond("POST", $"/stores/{ClientHarness.StoreId}/check", FakeResponse.Error(503, "unavailable", "down"));
        var logs = new Entries();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddOpenFgaHttpClient(o =>
        {
            o.ApiUrl = server.BaseAddress;
            o.StoreId = ClientHarness.StoreId;
            o.AuthorizationModelId = ClientHarness.ModelId;
            o.MinWaitInMs = 1;
            o.MaxRetry = 3;
            o.Credentials.Method = OpenFgaCredentialsMethod.ApiToken;
            o.Credentials.ApiToken = Secret;
        });
        await using var provider = services.BuildServiceProvider();

        await Assert.ThrowsAsync<FgaApiInternalException>(() => provider.GetRequiredService<OpenFgaHttpClient>().CheckAsync(AnyCheck));

        Assert.Equal(4, server.Requests.Count);
        // HttpClientFactory's own request lines stay at Information; nothing warns, and no retry logs its exception.
        var loud = logs.All.Where(entry => entry.Level >= LogLevel.Warning || (entry.Level > LogLevel.Debug && entry.Text.Contains("   at ", StringComparison.Ordinal))).ToList();
        Assert.True(loud.Count == 0, string.Join(Environment.NewLine, loud.Select(entry => $"{entry.Level} {entry.Category}: {entry.Text[..Math.Min(300, entry.Text.Length)]}")));
        Assert.Contains(logs.All, entry => entry.Category.StartsWith("Polly", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.All, entry => entry.Text.Contains(Secret, StringComparison.Ordinal));
    }

    private sealed class Entries : ILoggerProvider
    {
        private readonly ConcurrentQueue<(string Category, LogLevel Level, string Text)> _entries = new();

        public IReadOnlyList<(string Category, LogLevel Level, string Text)> All => _entries.ToList();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(Entries owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner._entries.Enqueue((category, logLevel, $"{formatter(state, exception)} {exception}"));
        }
    }
}
