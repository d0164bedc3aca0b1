using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TypedFga.Backends;
using TypedFga.Flushing;
using TypedFga.Outbox;
using TypedFga.Runtime.Tests.Outbox;

namespace TypedFga.Runtime.Tests.Flushing;

/// <summary>Leases of flushers whose process has ended are taken over at once, and no others.</summary>
public sealed class LeaseTakeoverTests
{
    private static readonly FgaConnection Connection = TempOutbox.Connection;

    // A flusher of this machine whose process has ended: no system hands out this process id.
    private static readonly ProcessIdentity Ended = ProcessIdentity.Current with { ProcessId = int.MaxValue, Started = "1" };

    private static TupleKey Tuple(int i) => new($"user:u{i}", "viewer", $"document:{i}");

    private static string OwnerOf(ProcessIdentity process, int flush = 1) => $"{process.NewInstanceId()}/{flush}";

    [Fact]
    public async Task Operations_leased_by_an_ended_process_on_this_machine_are_taken_over_at_once_and_flushed()
    {
        using var outbox = new TempOutbox();
        var backend = new FakeFgaBackend();
        var logger = new ListLogger();
        await outbox.Store.GrantAsync(Connection, Tuple(1));
        await outbox.Store.RevokeAsync(Connection, Tuple(2));
        backend.Seed("user:u2", "viewer", "document:2");
        var owner = OwnerOf(Ended);
        Assert.Equal(2, (await outbox.OpenStore().ClaimAsync(owner, 10, long.MaxValue, outbox.Options.LeaseDuration)).Count);

        var flusher = new OutboxFlusher(outbox.Store, backend, Options.Create(outbox.Options), outbox.Time, logger);
        var result = await flusher.FlushAsync();

        Assert.Equal((1, 1, 2), (result.Writes, result.Deletes, result.TakenOver));
        Assert.Equal(new[] { ("user:u1", "viewer", "document:1") }, backend.Tuples);
        Assert.Equal(0, (await outbox.Store.GetPendingCountAsync()).Total);
        var entry = Assert.Single(logger.Entries, e => e.EventId == 1204);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Contains(owner, entry.Message, StringComparison.Ordinal);
        Assert.Contains("Took over 2 operations", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_taken_over_operation_is_an_ordinary_pending_one_whose_interrupted_attempt_is_not_counted()
    {
        using var outbox = new TempOutbox();
        var sequence = await outbox.Store.GrantAsync(Connection, Tuple(1));
        var enqueued = outbox.Time.GetUtcNow();
        var owner = OwnerOf(Ended);
        Assert.Equal(1, Assert.Single(await outbox.Store.ClaimAsync(owner, 10, long.MaxValue, outbox.Options.LeaseDuration)).Attempts);
        outbox.Time.Advance(TimeSpan.FromSeconds(3));

        var idle = OwnerOf(Ended, 2);

        var released = await outbox.Store.ReleaseLeasesAsync([owner, idle]);

        Assert.Equal(new[] { (owner, 1), (idle, 0) }, released);
        var pending = Assert.Single(await outbox.Store.GetPendingOperationsAsync());
        Assert.Equal((sequence, 0, false, enqueued), (pending.Sequence, pending.Attempts, pending.InFlight, pending.NextAttemptAt));
        Assert.Equal(1, Assert.Single(await outbox.Store.ClaimAsync("next", 10, long.MaxValue, outbox.Options.LeaseDuration)).Attempts);
    }

    [Fact]
    public async Task Operations_leased_by_this_live_process_are_not_taken_over()
    {
        using var outbox = new TempOutbox();
        var backend = new FakeFgaBackend();
        await outbox.Store.GrantAsync(Connection, Tuple(1));
        // Another flusher of this very process, say on a second outbox store of the same file.
        await outbox.OpenStore().ClaimAsync(OwnerOf(ProcessIdentity.Current), 10, long.MaxValue, outbox.Options.LeaseDuration);

        var result = await outbox.CreateFlusher(backend).FlushAsync();

        Assert.Equal(FlushResult.Empty, result);
        Assert.Empty(backend.Requests);
        Assert.True(Assert.Single(await outbox.Store.GetPendingOperationsAsync()).InFlight);
    }

    [Fact]
    public async Task Operations_leased_on_another_machine_wait_for_the_lease_to_expire()
    {
        using var outbox = new TempOutbox(o => o.LeaseDuration = TimeSpan.FromMinutes(2));
        var backend = new FakeFgaBackend();
        await outbox.Store.GrantAsync(Connection, Tuple(1));
        await outbox.OpenStore().ClaimAsync(OwnerOf(Ended with { Machine = "another-machine" }), 10, long.MaxValue, outbox.Options.LeaseDuration);
        var flusher = outbox.CreateFlusher(backend);

        Assert.Equal(FlushResult.Empty, await flusher.FlushAsync());
        outbox.Time.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(FlushResult.Empty, await flusher.FlushAsync());
        Assert.Empty(backend.Requests);

        outbox.Time.Advance(TimeSpan.FromMilliseconds(1));
        var expired = await flusher.FlushAsync();

        Assert.Equal((1, 0), (expired.Writes, expired.TakenOver));
        Assert.Single(backend.Tuples);
    }

    [Fact]
    public async Task Leases_are_looked_at_in_the_first_flush_and_then_at_most_every_few_seconds()
    {
        using var outbox = new TempOutbox();
        var backend = new FakeFgaBackend();
        var flusher = outbox.CreateFlusher(backend);
        var crashed = outbox.OpenStore();
        await outbox.Store.GrantAsync(Connection, Tuple(1));
        await crashed.ClaimAsync(OwnerOf(Ended), 10, long.MaxValue, outbox.Options.LeaseDuration);
        var first = await flusher.FlushAsync();
        Assert.Equal((1, 1), (first.Writes, first.TakenOver));

        await outbox.Store.GrantAsync(Connection, Tuple(2));
        await crashed.ClaimAsync(OwnerOf(Ended, 2), 10, long.MaxValue, outbox.Options.LeaseDuration);
        outbox.Time.Advance(OrphanedLeaseRecovery.CheckInterval - TimeSpan.FromMilliseconds(1));
        Assert.Equal(FlushResult.Empty, await flusher.FlushAsync());

        outbox.Time.Advance(TimeSpan.FromMilliseconds(1));
        var later = await flusher.FlushAsync();

        Assert.Equal((1, 1), (later.Writes, later.TakenOver));
        Assert.Equal(2, backend.Tuples.Count);
    }

    [Fact]
    public async Task A_taken_over_operation_still_reaches_the_server_before_a_later_operation_on_its_tuple()
    {
        // One operation per claim, so that the two operations on the tuple are never coalesced.
        using var outbox = new TempOutbox(o => { o.MaxTuplesPerWrite = 1; o.MaxParallelRequests = 1; });
        var backend = new FakeFgaBackend();
        await outbox.Store.GrantAsync(Connection, Tuple(1));
        await outbox.OpenStore().ClaimAsync(OwnerOf(Ended), 10, long.MaxValue, outbox.Options.LeaseDuration);
        outbox.Time.Advance(TimeSpan.FromSeconds(1));
        // Enqueued while the grant is in flight: it waits behind it.
        await outbox.Store.RevokeAsync(Connection, Tuple(1));
        outbox.Time.Advance(TimeSpan.FromSeconds(1));
        var flusher = outbox.CreateFlusher(backend);

        var sent = 0;
        for (var flush = 0; flush < 3 && (await outbox.Store.GetPendingCountAsync()).Total > 0; flush++)
        {
            sent += (await flusher.FlushAsync()).Sent;
        }

        Assert.Equal(2, sent);
        Assert.Equal(new[] { "+user:u1 viewer document:1", "-user:u1 viewer document:1" }, backend.Applied);
        Assert.Empty(backend.Tuples);
    }
}
