using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TypedFga.Hosting;
using TypedFga.Outbox;
using TypedFga.Typed;

namespace TypedFga.Pipeline.Tests.Infrastructure;

/// <summary>
/// A generic host wired as an application wires TypedFga: configuration in the <c>Fga</c> section, then
/// <c>AddFga(Fga.Model)</c>. By default it talks to a test server over HTTP and keeps its outbox in a
/// temporary folder that is deleted with it.
/// </summary>
public sealed class PipelineHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly TempFolder? _ownedFolder;
    private bool _running;

    private PipelineHost(IHost host, TempFolder? ownedFolder)
    {
        _host = host;
        _ownedFolder = ownedFolder;
    }

    public IServiceProvider Services => _host.Services;

    public FgaClient Client => Services.GetRequiredService<FgaClient>();

    public WriteBehindCache Cache => Services.GetRequiredService<WriteBehindCache>();

    public OutboxStore Outbox => Services.GetRequiredService<OutboxStore>();

    /// <summary>
    /// Settings for a host that writes behind to <paramref name="storeId"/> on <paramref name="server"/>, with
    /// the outbox at <paramref name="outbox"/>; automatic flushes are off (interval of an hour, batch size
    /// 10,000) unless a test turns them on, and the HTTP client does not retry on its own.
    /// </summary>
    public static Dictionary<string, string?> Settings(FgaServerFixture server, string storeId, string outbox) => new()
    {
        ["Fga:Backend"] = "OpenFga",
        ["Fga:ApiUrl"] = server.BaseAddress.ToString(),
        ["Fga:StoreId"] = storeId,
        ["Fga:MaxRetry"] = "0",
        ["Fga:WriteBehind:Outbox"] = outbox,
        ["Fga:WriteBehind:BatchSize"] = "10000",
        ["Fga:WriteBehind:FlushInterval"] = "01:00:00",
        ["Fga:WriteBehind:Backoff:0"] = "00:00:00.050",
    };

    /// <summary>Builds (does not start) a host from <paramref name="settings"/>.</summary>
    /// <param name="settings">The configuration.</param>
    /// <param name="configureServices">Runs after <c>AddFga</c> (a FakeTimeProvider, for example).</param>
    /// <param name="shutdownTimeout">The host's shutdown timeout; the default when null.</param>
    /// <param name="ownedFolder">A folder deleted when the host is disposed.</param>
    /// <param name="model">The model to register; the repository's <c>Fga.Model</c> when null.</param>
    public static PipelineHost Build(
        IDictionary<string, string?> settings,
        Action<IServiceCollection>? configureServices = null,
        TimeSpan? shutdownTimeout = null,
        TempFolder? ownedFolder = null,
        FgaModelInfo? model = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddFga(model ?? Fga.Model);
        configureServices?.Invoke(builder.Services);
        if (shutdownTimeout is { } timeout)
        {
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = timeout);
        }

        return new PipelineHost(builder.Build(), ownedFolder);
    }

    /// <summary>Builds and starts a host on a fresh outbox in a folder of its own.</summary>
    public static async Task<PipelineHost> StartAsync(
        FgaServerFixture server, string storeId, Action<Dictionary<string, string?>>? adjust = null, Action<IServiceCollection>? configureServices = null)
    {
        var folder = new TempFolder();
        var settings = Settings(server, storeId, folder.File("outbox.db"));
        adjust?.Invoke(settings);
        var host = Build(settings, configureServices, ownedFolder: folder);
        await host.StartAsync();
        return host;
    }

    public async Task StartAsync()
    {
        await _host.StartAsync();
        _running = true;
    }

    public async Task StopAsync()
    {
        _running = false;
        await _host.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_running)
        {
            await StopAsync();
        }

        _host.Dispose();
        _ownedFolder?.Dispose();
    }
}
