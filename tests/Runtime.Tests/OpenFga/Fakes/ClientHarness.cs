using System.Collections.Concurrent;
using TypedFga.OpenFga;

namespace TypedFga.Runtime.Tests.OpenFga.Fakes;

/// <summary>A fake server and a client wired to it through the full handler chain (retries, timeouts, credentials).</summary>
internal sealed class ClientHarness : IAsyncDisposable
{
    public const string StoreId = "01HVMMBCMGZNT3SED4Z17ECXCA";
    public const string ModelId = "01HVMMBD123DZ1A0M7VNTSPKK6";

    private readonly ConcurrentQueue<(int Retry, TimeSpan Delay)> _retries = new();

    private ClientHarness(FakeOpenFgaServer server, TestClock clock)
    {
        Server = server;
        Clock = clock;
    }

    public FakeOpenFgaServer Server { get; }

    public TestClock Clock { get; }

    public OpenFgaHttpClient Client { get; private set; } = null!;

    public OpenFgaClientOptions Options { get; private set; } = null!;

    /// <summary>The retries the pipeline made: retry number (0 first) and the delay it chose.</summary>
    public IReadOnlyList<(int Retry, TimeSpan Delay)> Retries => _retries.ToArray();

    public static async Task<ClientHarness> StartAsync(Action<OpenFgaClientOptions>? configure = null)
    {
        var server = await FakeOpenFgaServer.StartAsync();
        var options = new OpenFgaClientOptions
        {
            ApiUrl = server.BaseAddress,
            StoreId = StoreId,
            AuthorizationModelId = ModelId,
            RequestTimeout = TimeSpan.FromSeconds(5),
        };
        configure?.Invoke(options);
        var harness = new ClientHarness(server, new TestClock(options.RequestTimeout));
        harness.Options = options;
        harness.Client = OpenFgaHttpClient.CreateObserved(options, harness.Clock, primaryHandler: null, (retry, delay) => harness._retries.Enqueue((retry, delay)));
        return harness;
    }

    public static string StorePath(string suffix = "") => $"/stores/{StoreId}{suffix}";

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
