using TypedFga.Pipeline.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TypedFga.Pipeline.Tests.ReadYourWrites;

/// <summary>
/// A caller grants a fresh tuple and checks it at once, through the generated client, while three other callers
/// grant and revoke the same relation on other documents as fast as they can. The grant was acknowledged before the
/// check began, and nothing else touches that document, so every check must allow.
/// </summary>
public sealed class GrantThenCheckUnderLoadTests(ITestOutputHelper output)
{
    private const int Tries = 300;
    private const int Hammers = 3;

    // owner is # @critical in model.fga: written through by default, behind with CriticalRelations=Buffer.
    [Theory]
    [InlineData("owner", "WriteThrough")]
    [InlineData("owner", "Buffer")]
    [InlineData("editor", "WriteThrough")]
    [InlineData("viewer", "WriteThrough")]
    public async Task A_granted_tuple_is_allowed_by_the_next_check_while_others_write_the_same_relation(string relation, string criticalRelations)
    {
        // The embedded engine, write-behind on, flush triggers as the defaults have them.
        await using var host = PipelineHost.Build(new Dictionary<string, string?> { ["Fga:WriteBehind:CriticalRelations"] = criticalRelations });
        await host.StartAsync();
        var fga = Fga.Using(host.Client);
        var access = TypedAccess.For(relation);

        using var stop = new CancellationTokenSource();
        var hammerWrites = new int[Hammers];
        // Each background caller has a thread of its own and waits on its calls there, so that it starts and keeps
        // writing however busy the thread pool is with the tests that run beside this one.
        var hammers = Enumerable.Range(0, Hammers).Select(caller => OnThreadOfItsOwn($"hammer-{caller}", () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var document = fga.Document($"hammer-{caller}-{i % 4}");
                var user = fga.User($"u{i % 3}");
                access.Grant(document, user).AsTask().GetAwaiter().GetResult();
                access.Revoke(document, user).AsTask().GetAwaiter().GetResult();
                Interlocked.Add(ref hammerWrites[caller], 2);
            }
        })).ToArray();

        var denied = new List<int>();
        try
        {
            // Every background caller is under way before the first try.
            // A caller that failed is reported with its own exception rather than as one that never wrote.
            var started = await Eventually.TrueAsync(
                () => Task.FromResult(hammers.Any(h => h.IsFaulted) || Enumerable.Range(0, Hammers).All(i => Volatile.Read(ref hammerWrites[i]) > 0)),
                TimeSpan.FromSeconds(30));
            if (hammers.FirstOrDefault(h => h.IsFaulted) is { } failed)
            {
                await failed;
            }

            Assert.True(started, $"A background caller never wrote in 30 s (writes so far: {string.Join(", ", hammerWrites)}): the test proves nothing.");
            for (var attempt = 0; attempt < Tries; attempt++)
            {
                var document = fga.Document($"fresh-{attempt}");
                await access.Grant(document, fga.User("anne"));
                if (!await access.Check(document, fga.User("anne")))
                {
                    denied.Add(attempt);
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(hammers);
        }

        output.WriteLine($"document#{relation} (critical relations: {criticalRelations}): {Tries} grant-then-check tries, {denied.Count} denied; the other callers made {hammerWrites.Sum()} writes.");
        Assert.True(
            denied.Count == 0,
            $"document:fresh-N#{relation}@user:anne was granted and then denied by the very next check in {denied.Count} of {Tries} tries " +
            $"(first: {string.Join(", ", denied.Take(10).Select(n => $"fresh-{n}"))}) while {Hammers} other callers granted and revoked " +
            $"document#{relation} on other documents ({hammerWrites.Sum()} writes).");
    }

    private static Task OnThreadOfItsOwn(string name, Action body)
    {
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                body();
                completion.SetResult();
            }
            catch (Exception exception)
            {
                completion.SetException(exception);
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
        return completion.Task;
    }

    /// <summary>Grant, revoke and check of one relation of <c>document</c>, through the generated client.</summary>
    private sealed record TypedAccess(
        Func<FgaTypes.Document, FgaTypes.User, ValueTask> Grant,
        Func<FgaTypes.Document, FgaTypes.User, ValueTask> Revoke,
        Func<FgaTypes.Document, FgaTypes.User, Task<bool>> Check)
    {
        public static TypedAccess For(string relation) => relation switch
        {
            "owner" => new(
                (d, u) => d.Owners.Grant(u),
                (d, u) => d.Owners.Revoke(u),
                async (d, u) => await d.Owners.Check(u)),
            "editor" => new(
                (d, u) => d.Editors.Grant(u),
                (d, u) => d.Editors.Revoke(u),
                async (d, u) => await d.Editors.Check(u)),
            "viewer" => new(
                (d, u) => d.Viewers.Grant(u),
                (d, u) => d.Viewers.Revoke(u),
                async (d, u) => await d.Viewers.Check(u)),
            _ => throw new ArgumentOutOfRangeException(nameof(relation), relation, null),
        };
    }
}
