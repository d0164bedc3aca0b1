using TypedFga.Backends;
using TypedFga.Flushing;
using TypedFga.Outbox;
using TypedFga.Runtime.Tests.Outbox;

namespace TypedFga.Runtime.Tests.Flushing;

public sealed class AcknowledgementBufferTests
{
    private const string Owner = "flusher-a";
    private static readonly FgaConnection Connection = TempOutbox.Connection;

    private static TupleKey Tuple(int i) => new($"user:u{i}", "viewer", $"document:{i}");

    [Fact]
    public async Task Acknowledgements_wait_until_the_threshold_and_are_then_removed_together()
    {
        using var outbox = new TempOutbox();
        var claimed = await ClaimAsync(outbox, 10);
        var buffer = new AcknowledgementBuffer(outbox.Store, Owner, threshold: 6, TimeSpan.FromSeconds(1), outbox.Time, _ => { });

        buffer.Add(claimed.Take(5).Select(o => o.Sequence).ToList());
        await Task.Delay(50);

        Assert.Equal(5, buffer.Count);
        Assert.Equal(10, (await outbox.Store.GetPendingCountAsync()).Total);

        buffer.Add([claimed[5].Sequence]);
        await buffer.CompleteAsync();

        Assert.Equal(0, buffer.Count);
        var left = await outbox.Store.GetPendingOperationsAsync();
        Assert.Equal(claimed.Skip(6).Select(o => o.Sequence), left.Select(p => p.Sequence));
    }

    [Fact]
    public async Task An_acknowledgement_waits_at_most_the_delay()
    {
        using var outbox = new TempOutbox();
        var claimed = await ClaimAsync(outbox, 3);
        var buffer = new AcknowledgementBuffer(outbox.Store, Owner, threshold: 1000, TimeSpan.FromSeconds(1), outbox.Time, _ => { });

        buffer.Add(claimed.Select(o => o.Sequence).ToList());
        outbox.Time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(3, buffer.Count);
        outbox.Time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(0, buffer.Count);
        await buffer.CompleteAsync();
        Assert.Equal(0, (await outbox.Store.GetPendingCountAsync()).Total);
    }

    [Fact]
    public async Task Completing_removes_what_waits_and_leaves_operations_leased_to_another_flusher()
    {
        using var outbox = new TempOutbox();
        var mine = await ClaimAsync(outbox, 4);
        await outbox.Store.GrantAsync(Connection, Tuple(100));
        var theirs = await outbox.Store.ClaimAsync("flusher-b", 10, long.MaxValue, outbox.Options.LeaseDuration);
        var buffer = new AcknowledgementBuffer(outbox.Store, Owner, threshold: 1000, TimeSpan.FromSeconds(1), outbox.Time, _ => { });

        // The other flusher's sequence number sits right after this flusher's run: the range must not swallow it.
        buffer.Add(mine.Select(o => o.Sequence).Append(theirs.Single().Sequence).ToList());
        await buffer.CompleteAsync();

        var left = Assert.Single(await outbox.Store.GetPendingOperationsAsync());
        Assert.Equal(theirs.Single().Sequence, left.Sequence);
        Assert.True(left.InFlight);
    }

    [Fact]
    public async Task Gaps_in_the_sequence_numbers_split_the_removal_into_runs()
    {
        using var outbox = new TempOutbox();
        var claimed = await ClaimAsync(outbox, 9);
        var buffer = new AcknowledgementBuffer(outbox.Store, Owner, threshold: 1000, TimeSpan.FromSeconds(1), outbox.Time, _ => { });
        long[] acknowledged = [claimed[7].Sequence, claimed[0].Sequence, claimed[1].Sequence, claimed[4].Sequence, claimed[5].Sequence, claimed[8].Sequence];

        buffer.Add(acknowledged);
        buffer.Add([claimed[1].Sequence]);
        await buffer.CompleteAsync();

        var left = await outbox.Store.GetPendingOperationsAsync();
        Assert.Equal(new[] { claimed[2].Sequence, claimed[3].Sequence, claimed[6].Sequence }, left.Select(p => p.Sequence).ToArray());
    }

    [Fact]
    public async Task A_failed_removal_is_reported_and_surfaces_on_completion()
    {
        using var outbox = new TempOutbox();
        var claimed = await ClaimAsync(outbox, 2);
        Exception? reported = null;
        var buffer = new AcknowledgementBuffer(outbox.Store, Owner, threshold: 1, TimeSpan.FromSeconds(1), outbox.Time, e => reported = e);
        outbox.Store.Dispose();

        buffer.Add([claimed[0].Sequence]);

        await Assert.ThrowsAsync<ObjectDisposedException>(buffer.CompleteAsync);
        Assert.IsType<ObjectDisposedException>(reported);
    }

    private static async Task<IReadOnlyList<ClaimedOperation>> ClaimAsync(TempOutbox outbox, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await outbox.Store.GrantAsync(Connection, Tuple(i));
        }

        var claimed = await outbox.Store.ClaimAsync(Owner, count, long.MaxValue, outbox.Options.LeaseDuration);
        Assert.Equal(count, claimed.Count);
        return claimed;
    }
}
