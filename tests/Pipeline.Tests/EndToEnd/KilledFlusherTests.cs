using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TypedFga.Flushing;
using TypedFga.Outbox;
using TypedFga.Pipeline.Tests.Infrastructure;
using TypedFga.Server.Faults;
using Xunit.Abstractions;

namespace TypedFga.Pipeline.Tests.EndToEnd;

/// <summary>
/// A process killed in the middle of a flush leaves its operations leased; the next host on the same machine sees
/// that the process is gone and sends them at once instead of waiting for the leases to expire.
/// </summary>
public sealed class KilledFlusherTests(FgaServerFixture server, ITestOutputHelper output) : IClassFixture<FgaServerFixture>, IDisposable
{
    public void Dispose() => server.Faults.Reset();

    [Fact]
    public async Task Operations_a_killed_flusher_was_sending_are_taken_over_and_sent_by_the_next_host_at_once()
    {
        var store = await server.CreateStoreAsync();
        using var folder = new TempFolder();
        var outbox = folder.File("outbox.db");
        var expected = Enumerable.Range(0, KilledFlusherChild.Operations).Select(i => KilledFlusherChild.Tuple(i).ToString()).Order(StringComparer.Ordinal).ToList();

        // The server holds the answers to Write requests back, so the child is waiting on them when it is killed.
        server.Faults.Enqueue(
            Fault.Latency(TimeSpan.FromMinutes(1)),
            KilledFlusherChild.Operations,
            request => request.Path.Value?.EndsWith("/write", StringComparison.Ordinal) == true);
        await RunChildUntilKilledMidFlushAsync(outbox, store);
        server.Faults.Reset();

        var left = await ReadOutboxAsync(outbox);
        Assert.Equal(expected, left.Select(op => op.Tuple.ToString()).Order(StringComparer.Ordinal));
        var leased = left.Count(op => op.InFlight);
        Assert.True(leased >= 10, $"the child died holding {leased} leases");
        Assert.All(left.Where(op => op.InFlight), op => Assert.True(op.NextAttemptAt > TimeProvider.System.GetUtcNow() + KilledFlusherChild.LeaseDuration / 2));

        var sentBefore = server.Writes.For(store).Count;
        var logs = new LogCapture();
        var clock = Stopwatch.StartNew();
        var host = PipelineHost.Build(PipelineHost.Settings(server, store, outbox), services => services.AddSingleton<ILoggerProvider>(logs));
        await using (host)
        {
            // Start-up recovery flushes what the killed process left, its leased operations included.
            await host.StartAsync();
            Assert.True(await Eventually.TrueAsync(async () => (await host.Cache.GetPendingCountAsync()).Total == 0, TimeSpan.FromSeconds(30)), logs.ToString());
            Assert.Empty(await host.Cache.GetDeadLettersAsync());
        }

        output.WriteLine($"{leased} of {left.Count} operations were leased by the killed process; the next host sent them all in {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.True(clock.Elapsed < KilledFlusherChild.LeaseDuration / 10, $"took {clock.Elapsed}");
        var takeover = Assert.Single(logs.Entries, e => e.Contains("Took over", StringComparison.Ordinal));
        Assert.Contains($"Took over {leased} operations", takeover, StringComparison.Ordinal);
        // The next host sent every operation exactly once, and the server holds exactly the granted tuples.
        var sent = server.Writes.For(store).Skip(sentBefore).SelectMany(w => w.Writes).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, sent);
        Assert.Equal(expected, await server.ReadTuplesAsync(store));
    }

    // Starts the child, waits until it has granted everything and has two Write requests waiting on the server,
    // then kills it.
    private async Task RunChildUntilKilledMidFlushAsync(string outbox, string store)
    {
        var start = new ProcessStartInfo(DotnetProcess.Dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { typeof(KilledFlusherChild).Assembly.Location, KilledFlusherChild.Command, outbox, store, server.BaseAddress.ToString() })
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        var stderr = child.StandardError.ReadToEndAsync();
        var granted = false;
        var midFlush = false;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            granted = await child.StandardOutput.ReadLineAsync(timeout.Token) == "granted";
            midFlush = granted && await Eventually.TrueAsync(() => Task.FromResult(server.Arrivals.WriteAttempts(store) >= 2), TimeSpan.FromSeconds(30));
        }
        finally
        {
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync(CancellationToken.None);
        }

        Assert.True(granted && midFlush, $"the child did not reach the middle of its flush: {await stderr}");
    }

    private static async Task<IReadOnlyList<PendingOperation>> ReadOutboxAsync(string path)
    {
        using var store = new SqliteOutboxStore(path);
        return await store.GetPendingOperationsAsync();
    }
}
