using System.Collections.Concurrent;
using TypedFga.Backends;
using TypedFga.Outbox;
using TypedFga.Runtime.Tests.Outbox;

namespace TypedFga.Runtime.Tests.Flushing;

/// <summary>Crashes, leases and processes sharing one outbox file.</summary>
public sealed class RecoveryTests
{
    private static readonly FgaConnection Connection = TempOutbox.Connection;

    private static TupleKey Tuple(int i) => new($"user:u{i}", "viewer", $"document:{i}");

    [Fact]
    public async Task A_crash_between_the_write_and_the_acknowledgement_replays_harmlessly()
    {
        using var outbox = new TempOutbox();
        var backend = new FakeFgaBackend { FailAfterApplyWith = () => new HttpRequestException("connection reset after the write") };
        for (var i = 0; i < 5; i++)
        {
            await outbox.Store.GrantAsync(Connection, Tuple(i));
        }

        await outbox.Store.RevokeAsync(Connection, Tuple(9));
        backend.Seed("user:u9", "viewer", "document:9");

        var first = await outbox.CreateFlusher(backend).FlushAsync();
        Assert.Equal(6, first.Failed);
        Assert.Equal(5, backend.Tuples.Count);

        // A new process on the same file sends everything again once it is due.
        backend.FailAfterApplyWith = null;
        var restarted = outbox.Reopen();
        outbox.Time.Advance(TimeSpan.FromSeconds(10));
        var replay = await outbox.CreateFlusher(backend, restarted).FlushAsync();

        Assert.Equal((5, 1), (replay.Writes, replay.Deletes));
        Assert.All(backend.Requests, r => Assert.Equal(WriteConflictOptions.Idempotent, r.Conflicts));
        Assert.Equal(5, backend.Tuples.Count);
        Assert.Equal(0, (await restarted.GetPendingCountAsync()).Total);
    }

    [Fact]
    public async Task A_flusher_killed_before_acknowledging_is_taken_over_when_its_lease_expires()
    {
        using var outbox = new TempOutbox(o => o.LeaseDuration = TimeSpan.FromMinutes(2));
        var backend = new FakeFgaBackend();
        await outbox.Store.GrantAsync(Connection, Tuple(1));
        await outbox.Store.GrantAsync(Connection, Tuple(2));

        // The dead process claimed the operations (and may have sent them) but never acknowledged.
        var crashed = outbox.OpenStore();
        var claimed = await crashed.ClaimAsync("crashed-process", 100, long.MaxValue, outbox.Options.LeaseDuration);
        Assert.Equal(2, claimed.Count);
        crashed.Dispose();

        var survivor = outbox.CreateFlusher(backend);
        Assert.Equal(0, (await survivor.FlushAsync()).Sent);
        Assert.Empty(backend.Requests);
        Assert.All(await outbox.Store.GetPendingOperationsAsync(), p => Assert.True(p.InFlight));

        outbox.Time.Advance(TimeSpan.FromMinutes(2));
        var takeover = await survivor.FlushAsync();

        Assert.Equal(2, takeover.Writes);
        Assert.Equal(2, backend.Tuples.Count);
        Assert.Equal(0, (await outbox.Store.GetPendingCountAsync()).Total);
    }

    [Fact]
    public async Task Two_processes_flushing_one_file_never_send_an_operation_twice()
    {
        using var outbox = new TempOutbox(o => { o.MaxTuplesPerWrite = 10; o.MaxParallelRequests = 4; });
        var sent = new ConcurrentDictionary<string, int>();
        var backend = new FakeFgaBackend
        {
            BeforeApply = async (request, _) =>
            {
                foreach (var tuple in request.Writes)
                {
                    sent.AddOrUpdate(tuple.User, 1, (_, n) => n + 1);
                }

                await Task.Delay(1);
            },
        };
        var web = outbox.Store;
        var worker = outbox.OpenStore();
        for (var i = 0; i < 400; i++)
        {
            await (i % 2 == 0 ? web : worker).GrantAsync(Connection, Tuple(i));
        }

        var webFlusher = outbox.CreateFlusher(backend, web);
        var workerFlusher = outbox.CreateFlusher(backend, worker);
        var results = await Task.WhenAll(
            Task.Run(() => webFlusher.FlushAsync()),
            Task.Run(() => workerFlusher.FlushAsync()),
            Task.Run(() => webFlusher.FlushAsync()),
            Task.Run(() => workerFlusher.FlushAsync()));

        Assert.Equal(400, results.Sum(r => r.Writes));
        Assert.Equal(400, sent.Count);
        Assert.All(sent, pair => Assert.Equal(1, pair.Value));
        Assert.Equal(400, backend.Tuples.Count);
        Assert.Equal(0, (await worker.GetPendingCountAsync()).Total);
    }

    [Fact]
    public async Task A_cancelled_flush_leaves_unsent_operations_pending_and_due()
    {
        using var outbox = new TempOutbox(o => { o.MaxTuplesPerWrite = 1; o.MaxParallelRequests = 1; });
        using var cancellation = new CancellationTokenSource();
        var backend = new FakeFgaBackend
        {
            BeforeApply = (_, _) =>
            {
                cancellation.Cancel();
                return Task.CompletedTask;
            },
        };
        for (var i = 0; i < 3; i++)
        {
            await outbox.Store.GrantAsync(Connection, Tuple(i));
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => outbox.CreateFlusher(backend).FlushAsync(cancellation.Token));

        var pending = await outbox.Store.GetPendingOperationsAsync();
        Assert.Equal(3, pending.Count);
        Assert.All(pending, p => Assert.False(p.InFlight));
        Assert.All(pending, p => Assert.Equal(0, p.Attempts));
        backend.BeforeApply = null;
        Assert.Equal(3, (await outbox.CreateFlusher(backend).FlushAsync()).Writes);
        Assert.Equal(3, backend.Tuples.Count);
    }

    [Fact]
    public async Task Pending_operations_survive_a_restart_and_are_flushed_by_the_new_process()
    {
        using var outbox = new TempOutbox();
        for (var i = 0; i < 50; i++)
        {
            await outbox.Store.GrantAsync(Connection, Tuple(i));
        }

        await outbox.Store.RevokeAsync(Connection, Tuple(0));
        var restarted = outbox.Reopen();
        var backend = new FakeFgaBackend();

        var result = await outbox.CreateFlusher(backend, restarted).FlushAsync();

        Assert.Equal((49, 1), (result.Writes, result.Deletes));
        Assert.Equal(49, backend.Tuples.Count);
        Assert.Equal(0, (await restarted.GetPendingCountAsync()).Total);
    }
}
