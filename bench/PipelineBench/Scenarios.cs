using System.Diagnostics;

namespace TypedFga.Benchmarks.Pipeline;

/// <summary>The measured calls. Every grant is of a tuple not written before, as in an application's steady state.</summary>
internal static class Scenarios
{
    public static async Task WarmUpAsync(BenchRig rig)
    {
        await GrantWriteBehindAsync(rig, 2_000, -1);
        await GrantWriteThroughAsync(rig, 200, -1);
    }

    /// <summary>GrantAsync with write-behind: returns once the grant is durable in the outbox. Flushed afterwards, untimed.</summary>
    public static async Task<double> GrantWriteBehindAsync(BenchRig rig, int count, int run)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await rig.Client.GrantAsync(new TupleKey($"user:b{run}x{i}", "viewer", $"document:d{i % 500}"));
        }

        var rate = count / clock.Elapsed.TotalSeconds;
        var flushed = await rig.Cache.FlushAsync();
        if (flushed.Writes != count)
        {
            throw new InvalidOperationException($"The flush after run {run} wrote {flushed.Writes} of {count} grants.");
        }

        return rate;
    }

    /// <summary>GrantAsync with <see cref="WriteMode.Immediate"/> (GrantNow): one synchronous Write request per grant.</summary>
    public static async Task<double> GrantWriteThroughAsync(BenchRig rig, int count, int run)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await rig.Client.GrantAsync(new TupleKey($"user:t{run}x{i}", "viewer", $"document:d{i % 500}"), WriteMode.Immediate);
        }

        return count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>The outbox's own append, without the client in front of it: where the write-behind time goes.</summary>
    public static async Task<double> OutboxAppendAsync(BenchRig rig, int count, int run)
    {
        var connection = await rig.Connections.GetAsync();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await rig.Outbox.GrantAsync(connection, new TupleKey($"user:o{run}x{i}", "viewer", $"document:d{i % 500}"));
        }

        var rate = count / clock.Elapsed.TotalSeconds;
        await rig.Cache.FlushAsync();
        return rate;
    }

    /// <summary>The same grants from <paramref name="callers"/> concurrent callers (web requests, say).</summary>
    public static async Task<double> ConcurrentAsync(BenchRig rig, int count, int callers, bool writeBehind, int run)
    {
        var perCaller = count / callers;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            for (var i = 0; i < perCaller; i++)
            {
                var tuple = new TupleKey($"user:{(writeBehind ? "cb" : "ct")}{run}x{caller}x{i}", "viewer", $"document:d{i % 500}");
                await rig.Client.GrantAsync(tuple, writeBehind ? WriteMode.Default : WriteMode.Immediate);
            }
        })));
        var rate = perCaller * callers / clock.Elapsed.TotalSeconds;
        if (writeBehind)
        {
            await rig.Cache.FlushAsync();
        }

        return rate;
    }

    public static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
