using TypedFga.Outbox;
using TypedFga.Pipeline.Tests.Infrastructure;

namespace TypedFga.Pipeline.Tests.Cli;

/// <summary>The application's appsettings.json tells the tool where the outbox and the server are; options win over it.</summary>
public sealed class ConfigurationTests(FgaServerFixture server) : IClassFixture<FgaServerFixture>, IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task The_applications_settings_name_the_outbox_and_the_server()
    {
        var store = await server.CreateStoreAsync();
        var outbox = _folder.File("outbox.db");
        await CliRun.EnqueueAsync(outbox, store, (OutboxOperationKind.Grant, new TupleKey("user:anne", "viewer", "document:1")));
        var config = await WriteConfigAsync(server.BaseAddress.ToString(), store, outbox);

        Assert.Contains("pending: 1", (await CliRun.RunAsync("status", "--config", config)).Output, StringComparison.Ordinal);
        var flush = await CliRun.RunAsync("flush", "--config", config);

        Assert.Equal(0, flush.ExitCode);
        Assert.Contains("written: 1", flush.Output, StringComparison.Ordinal);
        Assert.Equal(["document:1#viewer@user:anne"], await server.ReadTuplesAsync(store));
    }

    [Fact]
    public async Task Options_override_the_settings()
    {
        var store = await server.CreateStoreAsync();
        var outbox = _folder.File("outbox.db");
        await CliRun.EnqueueAsync(outbox, store, (OutboxOperationKind.Grant, new TupleKey("user:anne", "viewer", "document:1")));
        // The file names a server that is not there and an outbox that does not exist; the options name the real ones.
        var config = await WriteConfigAsync("http://127.0.0.1:1", store, _folder.File("elsewhere.db"));

        var flush = await CliRun.RunAsync("flush", "--config", config, "--outbox", outbox, "--api-url", server.BaseAddress.ToString());

        Assert.Equal(0, flush.ExitCode);
        Assert.Equal(["document:1#viewer@user:anne"], await server.ReadTuplesAsync(store));
    }

    public void Dispose() => _folder.Dispose();

    private async Task<string> WriteConfigAsync(string apiUrl, string storeId, string outbox)
    {
        var path = _folder.File("appsettings.json");
        await File.WriteAllTextAsync(path, $$"""
            {
              "Logging": { "LogLevel": { "Default": "Information" } },
              "Fga": {
                "ApiUrl": "{{apiUrl}}",
                "StoreId": "{{storeId}}",
                "WriteBehind": { "Outbox": "{{outbox}}", "Backoff": [ "00:00:01" ] }
              }
            }
            """);
        return path;
    }
}
