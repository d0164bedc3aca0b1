using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using TypedFga.Embedded;
using TypedFga.Server;
using TypedFga.Server.Faults;
using TypedFga.Wire;

namespace TypedFga.Pipeline.Tests.Infrastructure;

/// <summary>
/// The repository's OpenFGA-compatible server on 127.0.0.1 and a free port, shared by the tests of a class:
/// an in-memory datastore, a scripted fault injector, and a recorder of every Write request it receives.
/// Each test creates its own store, so tests of a class do not see each other's tuples.
/// </summary>
public sealed class FgaServerFixture : IAsyncLifetime
{
    private WebApplication? _app;

    /// <summary>Faults for the next requests; tests that queue some reset them when done.</summary>
    public ScriptedFaultInjector Faults { get; } = new();

    /// <summary>The Write requests that reached the API (past the fault plan), per store.</summary>
    public WriteRecorder Writes { get; } = new();

    /// <summary>Every Write request that arrived, per store, including those a fault answered.</summary>
    public CountingFaultInjector Arrivals { get; private set; } = null!;

    /// <summary>The server's root address.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The server's engine: what survived, read without going through HTTP.</summary>
    public EmbeddedOpenFga Engine => _app!.Services.GetRequiredService<EmbeddedOpenFga>();

    public async Task InitializeAsync()
    {
        string[] args = ["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"];
        Arrivals = new CountingFaultInjector(Faults);
        _app = ServerHost.Build(args, services =>
        {
            services.AddSingleton<IFaultInjector>(Arrivals);
            services.AddSingleton<IStartupFilter>(Writes);
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>Creates a store holding the repository's model (the one the tests' <c>Fga</c> class is generated from).</summary>
    public async Task<string> CreateStoreAsync(string name = "pipeline")
    {
        var store = await Engine.CreateStoreAsync(new CreateStoreRequest { Name = name });
        await Engine.WriteAuthorizationModelAsync(store.Id, Fga.Model.Json);
        return store.Id;
    }

    /// <summary>Every tuple of the store, as <c>object#relation@user</c>, ordinal-sorted.</summary>
    public async Task<IReadOnlyList<string>> ReadTuplesAsync(string storeId)
    {
        var tuples = new List<string>();
        string? token = null;
        do
        {
            var page = await Engine.ReadAsync(storeId, new ReadRequest { PageSize = 100, ContinuationToken = token });
            tuples.AddRange(page.Tuples!.Select(t => t.Key!.ToString()));
            token = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(token));

        tuples.Sort(StringComparer.Ordinal);
        return tuples;
    }

    /// <summary>Writes tuples straight into the store, as an earlier state of the server.</summary>
    public Task SeedAsync(string storeId, params TupleKey[] tuples) =>
        Engine.WriteAsync(storeId, new WriteRequest
        {
            Writes = new WriteRequestWrites { TupleKeys = tuples.Select(t => ApiTupleKey.Of(t.User, t.Relation, t.Object)).ToList() },
        });
}
