using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TypedFga.Backends;
using TypedFga.Hosting;

namespace TypedFga.Benchmarks.Checks;

/// <summary>
/// An application host wired with AddFga as an application wires it: the embedded engine in memory, write-behind on
/// with an empty outbox (flushes off), the check cache on or off. Its client is the process default, so the generated
/// <c>Fga</c> calls use it.
/// </summary>
internal sealed class BenchHost : IAsyncDisposable
{
    /// <summary>How many answers the cache (and the baseline dictionary) hold while hits are measured.</summary>
    public const int Entries = 10_000;

    private readonly IHost _host;
    private readonly string _folder;

    private BenchHost(IHost host, string folder, FgaConnection connection)
    {
        _host = host;
        _folder = folder;
        Connection = connection;
    }

    public FgaClient Client => _host.Services.GetRequiredService<FgaClient>();

    public IFgaBackend Backend => _host.Services.GetRequiredService<IFgaBackend>();

    public FgaConnection Connection { get; }

    public static async Task<BenchHost> StartAsync(bool cache)
    {
        var folder = Path.Combine(Path.GetTempPath(), "typedfga-check-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Fga:Backend"] = "Embedded",
            ["Fga:Cache:Enabled"] = cache ? "true" : "false",
            ["Fga:Cache:Ttl"] = "01:00:00",
            ["Fga:Cache:MaxEntries"] = (Entries * 2).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Fga:WriteBehind:Outbox"] = Path.Combine(folder, "outbox.db"),
            ["Fga:WriteBehind:BatchSize"] = "100000000",
            ["Fga:WriteBehind:FlushInterval"] = "01:00:00",
            ["Fga:WriteBehind:PeriodicFlush"] = "",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddFga(Fga.Model);
        var host = builder.Build();
        await host.StartAsync();
        var connection = await host.Services.GetRequiredService<FgaConnectionRegistry>().GetAsync();

        // Anne edits document 456 (written through: the outbox stays empty), and every document 0..Entries-1 is
        // checked once, so that the cache holds Entries answers.
        await Fga.Document(456).Editors.GrantNow(Fga.User("anne"));
        for (var id = 0; id < Entries; id++)
        {
            await Fga.Document(id).Editors.Check(Fga.User("anne"));
        }

        return new BenchHost(host, folder, connection);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
