using TypedFga.Backends;
using TypedFga.Outbox;
using TypedFga.Runtime.Tests.Outbox;

namespace TypedFga.Runtime.Tests.Flushing;

public sealed class DeadLetterTests
{
    private static readonly FgaConnection Connection = TempOutbox.Connection;
    private static readonly TupleKey Bad = new("user:anne", "viewer", "document:1");

    private static async Task<(TempOutbox Outbox, FakeFgaBackend Backend)> WithOneDeadLetterAsync(OutboxOperationKind kind = OutboxOperationKind.Grant)
    {
        var outbox = new TempOutbox();
        var backend = new FakeFgaBackend();
        backend.Reject(Bad.User, Bad.Relation, Bad.Object, "relation 'document#viewer' not found");
        await outbox.Store.EnqueueAsync(Connection, kind, Bad);
        await outbox.Store.GrantAsync(Connection, Bad with { User = "user:bob" });
        var result = await outbox.CreateFlusher(backend).FlushAsync();
        Assert.Equal(1, result.DeadLettered);
        return (outbox, backend);
    }

    [Fact]
    public async Task Retry_moves_a_dead_letter_back_and_a_later_flush_sends_it()
    {
        var (outbox, backend) = await WithOneDeadLetterAsync();
        using var _ = outbox;
        var dead = Assert.Single(await outbox.Store.GetDeadLettersAsync());

        Assert.Equal(1, await outbox.Store.RetryDeadLettersAsync([dead.Sequence]));

        Assert.Equal(0, await outbox.Store.GetDeadLetterCountAsync());
        var pending = Assert.Single(await outbox.Store.GetPendingOperationsAsync());
        Assert.Equal((Bad.User, 0), (pending.Tuple.User, pending.Attempts));
        backend.Reject(Bad.User, Bad.Relation, Bad.Object, "still bad");
        var fixedBackend = new FakeFgaBackend();
        Assert.Equal(1, (await outbox.CreateFlusher(fixedBackend).FlushAsync()).Writes);
        Assert.Contains((Bad.User, Bad.Relation, Bad.Object), fixedBackend.Tuples);
        Assert.Equal(0, (await outbox.Reopen().GetPendingCountAsync()).Total);
    }

    [Fact]
    public async Task Purge_deletes_dead_letters_for_good()
    {
        var (outbox, _) = await WithOneDeadLetterAsync();
        using var _ = outbox;

        Assert.Equal(1, await outbox.Store.PurgeDeadLettersAsync());

        var reopened = outbox.Reopen();
        Assert.Equal(0, await reopened.GetDeadLetterCountAsync());
        Assert.Equal(0, (await reopened.GetPendingCountAsync()).Total);
    }

    [Fact]
    public async Task A_newer_operation_on_the_tuple_supersedes_its_dead_letter()
    {
        var (outbox, backend) = await WithOneDeadLetterAsync();
        using var _ = outbox;

        await outbox.Store.RevokeAsync(Connection, Bad);

        Assert.Equal(0, await outbox.Store.GetDeadLetterCountAsync());
        Assert.Equal(0, await outbox.Store.RetryDeadLettersAsync());
        var pending = Assert.Single(await outbox.Store.GetPendingOperationsAsync());
        Assert.Equal(OutboxOperationKind.Revoke, pending.Kind);
        // The old grant can never come back: only the revoke is sent.
        var result = await outbox.CreateFlusher(backend).FlushAsync();
        Assert.Equal((0, 1), (result.Writes, result.Deletes));
        Assert.DoesNotContain((Bad.User, Bad.Relation, Bad.Object), backend.Tuples);
        Assert.Equal(0, (await outbox.Store.GetPendingCountAsync()).Total);
    }

    [Fact]
    public async Task An_operation_rejected_while_a_newer_one_waits_is_not_kept_as_a_dead_letter()
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
                }
            },
        };
        backend.Reject(Bad.User, Bad.Relation, Bad.Object, "bad");
        await outbox.Store.GrantAsync(Connection, Bad);
        var flusher = outbox.CreateFlusher(backend);
        var flush = flusher.FlushAsync();
        await entered.Task;
        await outbox.Store.RevokeAsync(Connection, Bad);
        release.SetResult();
        await flush;

        Assert.Equal(0, await outbox.Store.GetDeadLetterCountAsync());
        Assert.Equal(OutboxOperationKind.Revoke, Assert.Single(await outbox.Store.GetPendingOperationsAsync()).Kind);
        Assert.Equal(1, (await flusher.FlushAsync()).Deletes);
        Assert.Equal(0, (await outbox.Store.GetPendingCountAsync()).Total);
    }

    [Fact]
    public async Task Dead_letters_survive_a_restart_with_their_reason()
    {
        var (outbox, _) = await WithOneDeadLetterAsync(OutboxOperationKind.Grant);
        using var _ = outbox;

        var dead = Assert.Single(await outbox.Reopen().GetDeadLettersAsync());

        Assert.Equal(OutboxOperationKind.Grant, dead.Kind);
        Assert.Equal(Connection, dead.Connection);
        Assert.Equal("validation_error", dead.ErrorCode);
        Assert.Equal("relation 'document#viewer' not found", dead.ErrorMessage);
        Assert.Equal(outbox.Time.GetUtcNow(), dead.DeadLetteredAt);
    }
}
