using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TypedFga.Embedded;
using TypedFga.Hosting;
using TypedFga.Server;
using TypedFga.Wire;

namespace TypedFga.Benchmarks.Queries;

/// <summary>
/// The repository's server on 127.0.0.1 (in-memory store with the sample model and <see cref="Documents"/> documents,
/// anne a viewer of every other one) and an application host whose client talks to it over HTTP, write-behind off.
/// </summary>
internal sealed class QueryRig : IAsyncDisposable
{
    public const int Documents = 100;

    private readonly WebApplication _server;
    private readonly IHost _application;

    private QueryRig(WebApplication server, IHost application)
    {
        _server = server;
        _application = application;
    }

    public IFgaClient Client => _application.Services.GetRequiredService<FgaClient>();

    public static async Task<QueryRig> StartAsync()
    {
        var server = ServerHost.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"]);
        await server.StartAsync();
        var address = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var engine = server.Services.GetRequiredService<EmbeddedOpenFga>();
        var store = await engine.CreateStoreAsync(new CreateStoreRequest { Name = "bench" });
        await engine.WriteAuthorizationModelAsync(store.Id, Fga.Model.Json);
        var viewers = Enumerable.Range(0, Documents).Where(i => i % 2 == 0)
            .Select(i => ApiTupleKey.Of("user:anne", "viewer", "document:" + i))
            .ToList();
        await engine.WriteAsync(store.Id, new WriteRequest { Writes = new WriteRequestWrites { TupleKeys = viewers } });

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Fga:Backend"] = "OpenFga",
            ["Fga:ApiUrl"] = address,
            ["Fga:StoreId"] = store.Id,
            ["Fga:WriteBehind:Enabled"] = "false",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddFga(Fga.Model);
        var application = builder.Build();
        await application.StartAsync();
        return new QueryRig(server, application);
    }

    public async ValueTask DisposeAsync()
    {
        await _application.StopAsync();
        _application.Dispose();
        await _server.StopAsync();
        await _server.DisposeAsync();
    }
}
