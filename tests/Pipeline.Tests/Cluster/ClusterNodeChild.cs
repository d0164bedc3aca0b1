using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TypedFga.Backends;
using TypedFga.Outbox;

namespace TypedFga.Pipeline.Tests.Cluster;

/// <summary>
/// An application node of <see cref="ClusterProcessTests"/>: a host wired with AddFga on the shared PostgreSQL outbox,
/// whose flushes run on their own triggers. It grants and revokes random tuples of a shared set, prints
/// <c>ack {sequence} {grant|revoke} {user}</c> for each once it returned, then <c>done</c>, and keeps flushing until a
/// line <c>stop</c> arrives on its input, when it stops as a host does (flushing first).
/// </summary>
internal static class ClusterNodeChild
{
    public const string Command = "cluster-node";

    /// <summary>The lease: far longer than the test, so a killed node's operations move on only by takeover.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(10);

    /// <summary>The tuple of shared user <paramref name="user"/>.</summary>
    public static TupleKey Tuple(int user) => new($"user:u{user}", "viewer", "document:cluster");

    /// <summary>Arguments: connection string, store id, server address, operations, seed, shared tuples.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not [var connectionString, var storeId, var apiUrl, var operationsText, var seedText, var tuplesText])
        {
            await Console.Error.WriteLineAsync($"usage: {Command} <connection-string> <store-id> <api-url> <operations> <seed> <tuples>");
            return 2;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Fga:Backend"] = "OpenFga",
            ["Fga:ApiUrl"] = apiUrl,
            ["Fga:StoreId"] = storeId,
            ["Fga:MaxRetry"] = "0",
            ["Fga:WriteBehind:Store"] = "PostgreSql",
            ["Fga:WriteBehind:ConnectionString"] = connectionString,
            ["Fga:WriteBehind:BatchSize"] = "20",
            ["Fga:WriteBehind:FlushInterval"] = "00:00:00.200",
            // Small requests, two in flight: a flush holds many leases while the server is slow.
            ["Fga:WriteBehind:MaxTuplesPerWrite"] = "5",
            ["Fga:WriteBehind:MaxParallelRequests"] = "2",
            ["Fga:WriteBehind:LeaseDuration"] = LeaseDuration.ToString("c"),
            ["Fga:WriteBehind:Backoff:0"] = "00:00:00.100",
        });
        builder.Logging.AddSimpleConsole(options => options.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddFga(Fga.Model);
        using var host = builder.Build();
        await host.StartAsync();

        var outbox = host.Services.GetRequiredService<OutboxStore>();
        var connection = new FgaConnection("default", storeId, null);
        var random = new Random(int.Parse(seedText, CultureInfo.InvariantCulture));
        var tuples = int.Parse(tuplesText, CultureInfo.InvariantCulture);
        for (var i = 0; i < int.Parse(operationsText, CultureInfo.InvariantCulture); i++)
        {
            var user = random.Next(tuples);
            var grant = random.Next(2) == 0;
            var sequence = grant ? await outbox.GrantAsync(connection, Tuple(user)) : await outbox.RevokeAsync(connection, Tuple(user));
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ack {sequence} {(grant ? "grant" : "revoke")} {user}"));
            Console.Out.Flush();
            // Paced, so the nodes' appends overlap each other and their flushes.
            await Task.Delay(random.Next(3));
        }

        Console.Out.WriteLine("done");
        Console.Out.Flush();
        while (await Console.In.ReadLineAsync() is { } line && line != "stop")
        {
        }

        await host.StopAsync();
        return 0;
    }
}
