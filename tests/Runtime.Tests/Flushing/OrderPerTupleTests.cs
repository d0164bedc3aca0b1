using System.Net;
using TypedFga.Backends;
using TypedFga.Outbox;
using TypedFga.Runtime.Tests.Outbox;

namespace TypedFga.Runtime.Tests.Flushing;

/// <summary>
/// The last operation on a tuple is the one OpenFGA ends up with, also when an older operation on the tuple was in
/// flight when the newer one arrived and then failed, was not attempted, or lost its flusher.
/// </summary>
public sealed class OrderPerTupleTests
{
    private static readonly FgaConnection Connection = TempOutbox.Connection;
    private static readonly TupleKey Tuple = new("user:anne", "viewer", "document:plan");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_in_flight_operation_that_fails_is_superseded_by_the_newer_one_that_waited_behind_it(bool grantFirst)
    {
        using var outbox = new TempOutbox();
        var entered = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var backend = new FakeFgaBackend
        {
            BeforeApply = async (_, _) =>
            {
                if (entered.TrySetResult())
                {
                    await release.Task;
                    throw new FgaApiException(HttpStatusCode.ServiceUnavailable, "unavailable", "try again");
                }
            },
        };
        if (!grantFirst)
        {
            backend.Seed(Tuple.User, Tuple.Relation, Tuple.Object);
        }

        var flusher = outbox.CreateFlusher(backend);
        await Enqueue(outbox.Store, grantFirst);
        var first = flusher.FlushAsync();
        await entered.Task;
        await Enqueue(outbox.Store, !grantFirst);
        release.SetResult();
        var failed = await first;
        Assert.Equal((0, 1), (failed.Failed, failed.Superseded));

        // The older operation is gone; the newer one is due at once and nothing older can land after it.
        var pending = Assert.Single(await outbox.Store.GetPendingOperationsAsync());
        Assert.Equal(grantFirst ? OutboxOperationKind.Revoke : OutboxOperationKind.Grant, pending.Kind);
        await flusher.FlushAsync();
        outbox.Time.Advance(TimeSpan.FromMinutes(5));
        await flusher.FlushAsync();

        Assert.Equal(0, (await outbox.Store.GetPendingCountAsync()).Total);
        Assert.Equal(!grantFirst, backend.Tuples.Count == 1);
    }

    [Fact]
    public async Task An_operation_whose_flusher_died_is_sent_before_the_newer_one_even_one_claim_at_a_time()
    {
        // One operation per claim: the two operations on the tuple can only be told apart by their order.
        using var outbox = new TempOutbox(o => { o.MaxTuplesPerWrite = 1; o.MaxParallelRequests = 1; });
        var backend = new FakeFgaBackend();
        await outbox.Store.GrantAsync(Connection, Tuple);
        // A flusher on another machine claims the grant and is never heard of again.
        await outbox.OpenStore().ClaimAsync("elsewhere/1/1/x/1", 10, long.MaxValue, outbox.Options.LeaseDuration);
        outbox.Time.Advance(TimeSpan.FromSeconds(1));
        await outbox.Store.RevokeAsync(Connection, Tuple);
        outbox.Time.Advance(outbox.Options.LeaseDuration);
        var flusher = outbox.CreateFlusher(backend);

        for (var flush = 0; flush < 3 && (await outbox.Store.GetPendingCountAsync()).Total > 0; flush++)
        {
            await flusher.FlushAsync();
        }

        Assert.Equal(0, (await outbox.Store.GetPendingCountAsync()).Total);
        Assert.Equal("-user:anne viewer document:plan", backend.Applied.Last());
        Assert.Empty(backend.Tuples);
    }

    private static Task Enqueue(OutboxStore store, bool grant) =>
        grant ? store.GrantAsync(Connection, Tuple) : store.RevokeAsync(Connection, Tuple);
}
