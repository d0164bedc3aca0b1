using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TypedFga.Hosting;

namespace TypedFga.Benchmarks.ReadYourWrites;

/// <summary>
/// An application host wired with AddFga on the embedded engine (in memory) and a durable outbox in a temporary
/// folder. Critical relations are buffered, so that document#owner goes through the outbox like the issue's
/// scenario has it.
/// </summary>
internal sealed class CheckRig : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _folder;

    private CheckRig(IHost host, string folder)
    {
        _host = host;
        _folder = folder;
    }

    public FgaClient Client => _host.Services.GetRequiredService<FgaClient>();

    public WriteBehindCache Cache => _host.Services.GetRequiredService<WriteBehindCache>();

    /// <param name="automaticFlushes">The default triggers (100 pending, every 5 s) when true; none otherwise.</param>
    public static async Task<CheckRig> StartAsync(bool automaticFlushes)
    {
        var folder = Path.Combine(Path.GetTempPath(), "typedfga-ryw-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var settings = new Dictionary<string, string?>
        {
            ["Fga:Backend"] = "Embedded",
            ["Fga:WriteBehind:Outbox"] = Path.Combine(folder, "outbox.db"),
            ["Fga:WriteBehind:CriticalRelations"] = "Buffer",
        };
        if (!automaticFlushes)
        {
            settings["Fga:WriteBehind:BatchSize"] = "100000000";
            settings["Fga:WriteBehind:FlushInterval"] = "01:00:00";
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.Services.AddFga(Fga.Model);
        var host = builder.Build();
        await host.StartAsync();
        return new CheckRig(host, folder);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
