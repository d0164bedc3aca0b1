using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TypedFga.Flushing;
using TypedFga.Outbox;
using TypedFga.Pipeline.Tests.Infrastructure;

namespace TypedFga.Pipeline.Tests.EndToEnd;

/// <summary>An acknowledged grant survives the process being killed, and a later host sends it.</summary>
public sealed class DurabilityTests(FgaServerFixture server) : IClassFixture<FgaServerFixture>
{
    // TYPEDFGA_CRASH_ROUNDS=<n> kills n children, each after a different number of grants, instead of one (a soak;
    // docs/write-behind.md has the last figures).
    public static TheoryData<int> Rounds() =>
        new(Enumerable.Range(1, int.TryParse(Environment.GetEnvironmentVariable("TYPEDFGA_CRASH_ROUNDS"), out var rounds) && rounds > 0 ? rounds : 1));

    [Theory]
    [MemberData(nameof(Rounds))]
    public async Task A_grant_that_returned_survives_a_killed_process_and_is_flushed_by_the_next_host(int round)
    {
        var killAfter = round == 1 ? 10 : 1 + (round * 37 % 250);
        var store = await server.CreateStoreAsync();
        using var folder = new TempFolder();
        var outbox = folder.File("outbox.db");

        var granted = await RunChildUntilKilledAsync(outbox, store, killAfter);

        Assert.True(granted >= killAfter, $"the child reported {granted} grants before it was killed");
        var survivors = await ReadOutboxAsync(outbox);
        for (var i = 0; i < granted; i++)
        {
            Assert.Contains(DurabilityChild.Tuple(i), survivors);
        }

        // Start-up recovery: a host on the same outbox flushes what the killed process left.
        var logs = new LogCapture();
        var host = PipelineHost.Build(PipelineHost.Settings(server, store, outbox), services => services.AddSingleton<ILoggerProvider>(logs));
        await using (host)
        {
            await host.StartAsync();
            Assert.True(await Eventually.TrueAsync(async () => (await host.Cache.GetPendingCountAsync()).Total == 0), logs.ToString());
        }

        var tuples = await server.ReadTuplesAsync(store);
        Assert.Equal(survivors.Count, tuples.Count);
        Assert.All(Enumerable.Range(0, granted), i => Assert.Contains(DurabilityChild.Tuple(i).ToString(), tuples));
    }

    // Starts the child, waits until it has reported killAfter grants, kills it at once and returns how many it reported.
    private static async Task<int> RunChildUntilKilledAsync(string outbox, string store, int killAfter)
    {
        var start = new ProcessStartInfo(DotnetProcess.Dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { typeof(DurabilityChild).Assembly.Location, DurabilityChild.Command, outbox, store })
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        var stderr = child.StandardError.ReadToEndAsync();
        var reported = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (reported < killAfter && await child.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith("granted ", StringComparison.Ordinal))
                {
                    reported++;
                }
            }
        }
        finally
        {
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync(CancellationToken.None);
        }

        Assert.True(reported >= killAfter, $"the child stopped early: {await stderr}");
        return reported;
    }

    private static async Task<IReadOnlyList<TupleKey>> ReadOutboxAsync(string path)
    {
        using var store = new SqliteOutboxStore(path);
        var pending = await store.GetPendingOperationsAsync();
        Assert.All(pending, op => Assert.Equal(OutboxOperationKind.Grant, op.Kind));
        return pending.Select(op => op.Tuple).ToList();
    }
}
