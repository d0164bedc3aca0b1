using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TypedFga.Embedded;
using TypedFga.Hosting;
using TypedFga.Server;
using TypedFga.Server.Faults;
using TypedFga.Wire;

namespace TypedFga.Benchmarks.Pipeline;

/// <summary>
/// The local server on a loopback port (in-memory datastore) and an application host wired with AddFga against
/// it, write-behind on, automatic flushes off so that only the measured calls run.
/// </summary>
internal sealed class BenchRig : IAsyncDisposable
{
    private readonly WebApplication _server;
    private readonly IHost _host;
    private readonly string _folder;

    private BenchRig(WebApplication server, IHost host, string storeId, string folder)
    {
        _server = server;
        _host = host;
        StoreId = storeId;
        _folder = folder;
    }

    public string StoreId { get; }

    public FgaClient Client => _host.Services.GetRequiredService<FgaClient>();

    public FgaConnectionRegistry Connections => _host.Services.GetRequiredService<FgaConnectionRegistry>();

    public TypedFga.Outbox.OutboxStore Outbox => _host.Services.GetRequiredService<TypedFga.Outbox.OutboxStore>();

    public WriteBehindCache Cache => _host.Services.GetRequiredService<WriteBehindCache>();

    /// <param name="networkDelay">How long the server waits before answering each request; zero for none.</param>
    public static async Task<BenchRig> StartAsync(TimeSpan networkDelay)
    {
        var server = ServerHost.Build(
            ["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"],
            services =>
            {
                if (networkDelay > TimeSpan.Zero)
                {
                    services.AddSingleton<IFaultInjector>(new NetworkDelay(networkDelay));
                }
            });
        await server.StartAsync();
        var address = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var engine = server.Services.GetRequiredService<EmbeddedOpenFga>();
        var store = await engine.CreateStoreAsync(new CreateStoreRequest { Name = "bench" });
        await engine.WriteAuthorizationModelAsync(store.Id, Fga.Model.Json);

        // Outside any content root: the host's file watcher would otherwise wake on every outbox write.
        var folder = Path.Combine(Path.GetTempPath(), "typedfga-pipeline-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Fga:Backend"] = "OpenFga",
            ["Fga:ApiUrl"] = address,
            ["Fga:StoreId"] = store.Id,
            ["Fga:WriteBehind:Outbox"] = Path.Combine(folder, "outbox.db"),
            ["Fga:WriteBehind:BatchSize"] = "100000000",
            ["Fga:WriteBehind:FlushInterval"] = "01:00:00",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddFga(Fga.Model);
        var host = builder.Build();
        await host.StartAsync();
        return new BenchRig(server, host, store.Id, folder);
    }

    public async Task<int> CountTuplesAsync()
    {
        var engine = _server.Services.GetRequiredService<EmbeddedOpenFga>();
        var count = 0;
        string? token = null;
        do
        {
            var page = await engine.ReadAsync(StoreId, new ReadRequest { PageSize = 100, ContinuationToken = token });
            count += page.Tuples!.Count;
            token = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(token));

        return count;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _server.StopAsync();
        await _server.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Serves every request late by the same delay.</summary>
    private sealed class NetworkDelay(TimeSpan delay) : IFaultInjector
    {
        private readonly Fault _fault = Fault.Latency(delay);

        public Fault? Next(HttpContext context) => _fault;
    }
}
