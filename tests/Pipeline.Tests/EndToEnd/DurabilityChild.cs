using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TypedFga.Hosting;

namespace TypedFga.Pipeline.Tests.EndToEnd;

/// <summary>
/// The child process of <see cref="DurabilityTests"/>: wires AddFga as an application does, grants tuples one by
/// one and reports each on standard output as soon as GrantAsync has returned, then keeps granting until it is
/// killed. Nothing is flushed: the server it is configured with is never reached.
/// </summary>
internal static class DurabilityChild
{
    public const string Command = "durability-child";

    /// <summary>The tuple of the <paramref name="index"/>-th grant.</summary>
    public static TupleKey Tuple(int index) => new($"user:u{index}", "viewer", "document:durable");

    /// <summary>Arguments: the outbox path, the store id.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not [var outbox, var storeId])
        {
            await Console.Error.WriteLineAsync($"usage: {Command} <outbox> <store-id>");
            return 2;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Fga:Backend"] = "OpenFga",
            ["Fga:ApiUrl"] = "http://127.0.0.1:9/",
            ["Fga:StoreId"] = storeId,
            ["Fga:WriteBehind:Outbox"] = outbox,
            // No batch-size flush either: its writes would fail against the unreachable server and be rescheduled
            // with the backoff, and the next host would rightly wait for that before sending them.
            ["Fga:WriteBehind:BatchSize"] = "1000000",
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddFga(Fga.Model)
            .BuildServiceProvider();
        var client = services.GetRequiredService<FgaClient>();

        for (var i = 0; ; i++)
        {
            await client.GrantAsync(Tuple(i));
            Console.Out.WriteLine($"granted {i}");
            Console.Out.Flush();
        }
    }
}
