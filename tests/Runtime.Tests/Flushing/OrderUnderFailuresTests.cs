using System.Net;
using TypedFga.Backends;
using TypedFga.Outbox;
using TypedFga.Runtime.Tests.Outbox;

namespace TypedFga.Runtime.Tests.Flushing;

/// <summary>
/// Random grants and revokes from concurrent callers while flushes run against a server that fails before and
/// after applying writes, and a flusher elsewhere claims operations and never comes back. Whatever happens, each
/// tuple ends as its last operation left it, and nothing stays pending or dead-lettered.
/// </summary>
public sealed class OrderUnderFailuresTests
{
    private const int Callers = 4;
    private const int TuplesPerCaller = 5;
    private const int OperationsPerCaller = 40;

    // TYPEDFGA_ORDER_SEEDS=<n> runs n seeds instead of 12 (a soak; docs/write-behind.md has the last figures).
    public static TheoryData<int> Seeds() =>
        new(Enumerable.Range(1, int.TryParse(Environment.GetEnvironmentVariable("TYPEDFGA_ORDER_SEEDS"), out var count) && count > 0 ? count : 12));

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Every_tuple_ends_as_its_last_operation_left_it(int seed)
    {
        var random = new Random(seed);
        using var outbox = new TempOutbox(o =>
        {
            o.MaxTuplesPerWrite = random.Next(1, 8);
            o.MaxParallelRequests = random.Next(1, 4);
        });
        var backend = new ChaosBackend(new FakeFgaBackend(), new Random(seed * 7919));
        var flusher = outbox.CreateFlusher(backend);
        var elsewhere = outbox.OpenStore();
        var expected = new bool?[Callers * TuplesPerCaller];

        var callers = Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            // Each caller owns its tuples, so the last operation on a tuple is the last one its caller made.
            var own = new Random(seed * 31 + caller);
            for (var i = 0; i < OperationsPerCaller; i++)
            {
                var index = caller * TuplesPerCaller + own.Next(TuplesPerCaller);
                var grant = own.Next(2) == 0;
                await (grant ? outbox.Store.GrantAsync(TempOutbox.Connection, Tuple(index)) : outbox.Store.RevokeAsync(TempOutbox.Connection, Tuple(index)));
                expected[index] = grant;
                if (own.Next(2) == 0)
                {
                    // Spread the operations over many flushes.
                    await Task.Delay(1);
                }
            }
        })).ToArray();

        var round = 0;
        var roundsAfterCallers = 0;
        while (!callers.All(c => c.IsCompleted) || (await outbox.Store.GetPendingCountAsync()).Total > 0)
        {
            if (callers.All(c => c.IsCompleted))
            {
                Assert.True(++roundsAfterCallers < 100, $"Still {(await outbox.Store.GetPendingCountAsync()).Total} pending after {roundsAfterCallers} flushes.");
            }
            else
            {
                // Let the callers make progress between flushes.
                await Task.Delay(1);
            }

            if (++round % 5 == 0)
            {
                // A flusher on another machine takes a few operations and dies: they come back when its lease ends.
                await elsewhere.ClaimAsync("elsewhere/9/9/dead/1", 3, long.MaxValue, outbox.Options.LeaseDuration);
            }

            await flusher.FlushAsync();
            outbox.Time.Advance(TimeSpan.FromSeconds(61));
        }

        await Task.WhenAll(callers);
        Assert.Empty(await outbox.Store.GetDeadLettersAsync());
        for (var index = 0; index < expected.Length; index++)
        {
            if (expected[index] is { } granted)
            {
                Assert.True(granted == backend.Holds(Tuple(index)), $"Tuple {index}: last operation {(granted ? "grant" : "revoke")}, server {(granted ? "lacks" : "holds")} it (seed {seed}).");
            }
        }

        Assert.True(backend.FailuresBefore + backend.FailuresAfter > 0, "The server never failed: the test proved nothing.");
    }

    private static TupleKey Tuple(int index) => new($"user:u{index}", "viewer", $"document:d{index}");

    /// <summary>Fails some writes before applying them and some after (the answer is lost on the way back).</summary>
    private sealed class ChaosBackend(FakeFgaBackend inner, Random random) : IFgaBackend
    {
        private int _failuresBefore;
        private int _failuresAfter;

        public int FailuresBefore => Volatile.Read(ref _failuresBefore);

        public int FailuresAfter => Volatile.Read(ref _failuresAfter);

        public bool Holds(TupleKey tuple) => inner.Tuples.Contains((tuple.User, tuple.Relation, tuple.Object));

        public async Task WriteAsync(FgaConnection connection, IReadOnlyList<TupleKey> writes, IReadOnlyList<TupleKey> deletes, WriteConflictOptions conflicts, CancellationToken cancellationToken = default)
        {
            if (Roll(0.25))
            {
                Interlocked.Increment(ref _failuresBefore);
                throw new FgaApiException(HttpStatusCode.ServiceUnavailable, "unavailable", "the server is restarting");
            }

            await inner.WriteAsync(connection, writes, deletes, conflicts, cancellationToken);
            if (Roll(0.15))
            {
                Interlocked.Increment(ref _failuresAfter);
                throw new HttpRequestException("connection reset after the write was applied");
            }
        }

        public Task<bool> CheckAsync(FgaConnection connection, CheckQuery query, CancellationToken cancellationToken = default) =>
            inner.CheckAsync(connection, query, cancellationToken);

        private bool Roll(double probability)
        {
            lock (random)
            {
                return random.NextDouble() < probability;
            }
        }
    }
}
