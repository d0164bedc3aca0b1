using Microsoft.Extensions.Logging;
using TypedFga.Flushing;
using System.Net;
using TypedFga.Backends;
using TypedFga.Outbox;
using TypedFga.Runtime.Tests.Outbox;

namespace TypedFga.Runtime.Tests.Flushing;

/// <summary>How the flusher applies a grant whose tuple OpenFGA holds with another condition (409 "different condition").</summary>
public sealed class ConditionChangeTests
{
    private static readonly FgaConnection Connection = TempOutbox.Connection;
    private static readonly TupleKey Changed = new("user:anne", "viewer", "document:plan", new RelationshipCondition("non_expired"));

    // OpenFGA holds the tuple without the condition and refuses the first write as a different condition.
    private static async Task<FakeFgaBackend> QueueConditionChangeAsync(TempOutbox outbox)
    {
        var backend = new FakeFgaBackend();
        backend.Seed(Changed.User, Changed.Relation, Changed.Object);
        var requests = 0;
        backend.BeforeApply = (_, _) => Interlocked.Increment(ref requests) == 1 ? throw DifferentCondition(Changed) : Task.CompletedTask;
        await outbox.Store.GrantAsync(Connection, Changed);
        return backend;
    }

    private static FgaApiException DifferentCondition(TupleKey tuple) => new(
        HttpStatusCode.Conflict,
        "Aborted",
        $"transactional write failed due to conflict: attempted to write a tuple which already exists with a different condition: user: '{tuple.User}', relation: '{tuple.Relation}', object: '{tuple.Object}'");

    [Fact]
    public async Task The_grant_is_sent_as_a_delete_and_then_a_write_of_the_tuple()
    {
        using var outbox = new TempOutbox();
        var backend = await QueueConditionChangeAsync(outbox);

        var result = await outbox.CreateFlusher(backend).FlushAsync();

        Assert.Equal((1, 0, 0, 0), (result.Writes, result.Deletes, result.Failed, result.DeadLettered));
        var sent = backend.Requests.ToArray();
        Assert.Equal(3, sent.Length);
        Assert.Empty(sent[1].Writes);
        Assert.Equal(Changed, Assert.Single(sent[1].Deletes));
        Assert.Equal(Changed, Assert.Single(sent[2].Writes));
        Assert.Empty(sent[2].Deletes);
        Assert.All(sent, request => Assert.Equal(WriteConflictOptions.Idempotent, request.Conflicts));
        Assert.Equal(0, (await outbox.Store.GetPendingCountAsync()).Total);
    }

    [Fact]
    public async Task A_condition_change_is_routine_and_logs_nothing_above_debug()
    {
        using var outbox = new TempOutbox();
        var backend = await QueueConditionChangeAsync(outbox);
        var logger = new ListLogger();

        var result = await new OutboxFlusher(outbox.Store, backend, Microsoft.Extensions.Options.Options.Create(outbox.Options), outbox.Time, logger).FlushAsync();

        Assert.Equal(1, result.Writes);
        Assert.DoesNotContain(logger.Entries, entry => entry.Level > LogLevel.Debug);
        Assert.Contains(logger.Entries, entry => entry.Level == LogLevel.Debug && entry.Message.Contains("changes a stored tuple's condition", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_tuple_changed_again_between_the_delete_and_the_write_is_retried_later_not_dead_lettered()
    {
        using var outbox = new TempOutbox();
        var backend = new FakeFgaBackend();
        var requests = 0;
        backend.BeforeApply = (_, _) => Interlocked.Increment(ref requests) is 1 or 3 ? throw DifferentCondition(Changed) : Task.CompletedTask;
        await outbox.Store.GrantAsync(Connection, Changed);

        var result = await outbox.CreateFlusher(backend).FlushAsync();

        Assert.Equal((0, 1, 0), (result.Writes, result.Failed, result.DeadLettered));
        var pending = Assert.Single(await outbox.Store.GetPendingOperationsAsync());
        Assert.Contains("different condition", pending.LastError, StringComparison.Ordinal);
        Assert.Equal(outbox.Time.GetUtcNow() + TimeSpan.FromSeconds(10), pending.NextAttemptAt);

        outbox.Time.Advance(TimeSpan.FromSeconds(10));
        var retried = await outbox.CreateFlusher(backend).FlushAsync();
        Assert.Equal((1, 0), (retried.Writes, retried.DeadLettered));
        Assert.Empty(await outbox.Store.GetDeadLettersAsync());
    }

    [Fact]
    public async Task A_revoke_refused_as_a_condition_conflict_is_dead_lettered_with_the_servers_answer()
    {
        using var outbox = new TempOutbox();
        var backend = new FakeFgaBackend { FailWith = () => DifferentCondition(Changed), FailuresLeft = 1 };
        await outbox.Store.RevokeAsync(Connection, Changed);

        var result = await outbox.CreateFlusher(backend).FlushAsync();

        Assert.Equal(1, result.DeadLettered);
        var letter = Assert.Single(await outbox.Store.GetDeadLettersAsync());
        Assert.Equal("Aborted", letter.ErrorCode);
        Assert.Equal(DeadLetterReason.Rejected, letter.Reason);
    }
}
