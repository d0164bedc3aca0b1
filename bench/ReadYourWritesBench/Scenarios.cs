using System.Diagnostics;
using TypedFga.Typed;

namespace TypedFga.Benchmarks.ReadYourWrites;

/// <summary>The measured checks.</summary>
internal static class Scenarios
{
    /// <summary>
    /// Median microseconds per typed check of document:x#viewer for anne while <paramref name="pending"/> grants wait
    /// in the outbox: none, ten the check must send along (usersets granted viewer on that document), or ten on
    /// other documents it must ignore.
    /// </summary>
    public static async Task<double> CheckWithPendingAsync(CheckRig rig, PendingKind pending, int checks, int run)
    {
        var document = $"r{run}{pending}";
        await Fga.Using(rig.Client).Document(document).Viewers.GrantNow(Fga.User("anne"));
        for (var i = 0; i < 10 && pending != PendingKind.None; i++)
        {
            var target = pending == PendingKind.Relevant ? document : $"{document}other{i}";
            await Fga.Using(rig.Client).Document(target).Viewers.Grant(Fga.Team($"t{i}").Members);
        }

        var viewers = Fga.Using(rig.Client).Document(document).Viewers;
        var anne = Fga.User("anne");
        var times = new List<double>(checks);
        for (var i = 0; i < checks; i++)
        {
            var started = Stopwatch.GetTimestamp();
            if (!await viewers.Check(anne))
            {
                throw new InvalidOperationException("anne must be allowed.");
            }

            times.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
        }

        await rig.Cache.FlushAsync();
        return Median(times);
    }

    /// <summary>
    /// The scenario: a fresh grant of document:X#owner, then at once a typed check of it, while
    /// <paramref name="hammers"/> callers grant and revoke document#owner on other documents in a tight loop.
    /// Returns the denials and the median check time in microseconds.
    /// </summary>
    public static async Task<(int Denied, double MedianMicroseconds)> FreshGrantUnderTrafficAsync(CheckRig rig, int tries, int hammers, int run)
    {
        using var stop = new CancellationTokenSource();
        var traffic = Enumerable.Range(0, hammers).Select(caller => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var owners = Fga.Using(rig.Client).Document($"h{run}x{caller}x{i % 50}").Owners;
                await owners.Grant(Fga.User($"u{i % 7}"));
                await owners.Revoke(Fga.User($"u{(i + 3) % 7}"));
            }
        })).ToList();

        var denied = 0;
        var times = new List<double>(tries);
        for (var i = 0; i < tries; i++)
        {
            var owners = Fga.Using(rig.Client).Document($"f{run}x{i}").Owners;
            await owners.Grant(Fga.User("anne"));
            var started = Stopwatch.GetTimestamp();
            if (!await owners.Check(Fga.User("anne")))
            {
                denied++;
            }

            times.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
        }

        await stop.CancelAsync();
        await Task.WhenAll(traffic);
        await rig.Cache.FlushAsync();
        return (denied, Median(times));
    }

    public static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}

/// <summary>What waits in the outbox while a check runs.</summary>
internal enum PendingKind
{
    None,
    Relevant,
    Unrelated,
}
