using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TypedFga.Hosting;

namespace TypedFga.Pipeline.Tests.EndToEnd;

/// <summary>
/// The child process of <see cref="KilledFlusherTests"/>: wires AddFga as an application does, grants
/// <see cref="Operations"/> tuples, reports <c>granted</c>, then flushes them to the test server, whose answers
/// the test holds back until it has killed this process in the middle of the flush.
/// </summary>
internal static class KilledFlusherChild
{
    public const string Command = "killed-flusher-child";

    /// <summary>How many grants the child makes before it flushes.</summary>
    public const int Operations = 40;

    /// <summary>
    /// The child's lease: far longer than the test may take, so that the next host can only send the child's
    /// operations by taking the leases over.
    /// </summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(10);

    /// <summary>The tuple of the <paramref name="index"/>-th grant.</summary>
    public static TupleKey Tuple(int index) => new($"user:k{index}", "viewer", "document:killed");

    /// <summary>Arguments: the outbox path, the store id, the server's address.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not [var outbox, var storeId, var apiUrl])
        {
            await Console.Error.WriteLineAsync($"usage: {Command} <outbox> <store-id> <api-url>");
            return 2;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Fga:Backend"] = "OpenFga",
            ["Fga:ApiUrl"] = apiUrl,
            ["Fga:StoreId"] = storeId,
            ["Fga:MaxRetry"] = "0",
            ["Fga:WriteBehind:Outbox"] = outbox,
            ["Fga:WriteBehind:BatchSize"] = "1000000",
            // Several requests in flight and more operations claimed behind them when the process dies.
            ["Fga:WriteBehind:MaxTuplesPerWrite"] = "5",
            ["Fga:WriteBehind:MaxParallelRequests"] = "2",
            ["Fga:WriteBehind:LeaseDuration"] = LeaseDuration.ToString("c"),
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddFga(Fga.Model)
            .BuildServiceProvider();

        var client = services.GetRequiredService<FgaClient>();
        for (var i = 0; i < Operations; i++)
        {
            await client.GrantAsync(Tuple(i));
        }

        Console.Out.WriteLine("granted");
        Console.Out.Flush();
        await services.GetRequiredService<WriteBehindCache>().FlushAsync();
        await Console.Error.WriteLineAsync("the flush finished although the test meant to kill the process during it");
        return 1;
    }
}
