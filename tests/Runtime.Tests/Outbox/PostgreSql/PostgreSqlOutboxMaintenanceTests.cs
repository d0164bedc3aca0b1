using TypedFga.Backends;
using TypedFga.Outbox;
using TypedFga.Outbox.PostgreSql;

namespace TypedFga.Runtime.Tests.Outbox.PostgreSql;

/// <summary>Operating the shared outbox: pending operations, clearing, and dead letters listed, retried and purged.</summary>
public sealed class PostgreSqlOutboxMaintenanceTests
{
    private static readonly FgaConnection Store = new("default", "01HVMMBCMGZNT3SED4Z17ECXCA", "01HVMMBD123DZ1A0M7VNTSPKK6");

    [PostgreSqlFact]
    public async Task Clearing_drops_pending_operations_but_not_one_being_sent()
    {
        await using var server = await PostgreSqlServer.CreateDatabaseAsync();
        await using var dataSource = server.CreateDataSource();
        var outbox = new PostgreSqlOutboxStore(dataSource);
        await outbox.InitializeAsync();
        await outbox.EnqueueAsync(Store, OutboxOperationKind.Grant, new TupleKey("user:anne", "viewer", "document:1"));
        await outbox.ClaimAsync("node-a", 1, long.MaxValue, TimeSpan.FromMinutes(1));
        await outbox.EnqueueAsync(Store, OutboxOperationKind.Revoke, new TupleKey("user:bob", "viewer", "document:1"));

        var cleared = await outbox.ClearAsync();
        var left = Assert.Single(await outbox.GetPendingOperationsAsync());

        Assert.Equal(1, cleared);
        Assert.Equal(("user:anne", true, Store), (left.Tuple.User, left.InFlight, left.Connection));
    }

    [PostgreSqlFact]
    public async Task Dead_letters_keep_their_reason_and_condition_and_are_retried_or_purged()
    {
        await using var server = await PostgreSqlServer.CreateDatabaseAsync();
        await using var dataSource = server.CreateDataSource();
        var outbox = new PostgreSqlOutboxStore(dataSource);
        await outbox.InitializeAsync();
        var conditioned = new TupleKey("user:anne", "viewer", "document:1", new RelationshipCondition("non_expired", new Dictionary<string, object?> { ["grant_duration"] = "1h" }));
        await outbox.EnqueueAsync(Store, OutboxOperationKind.Grant, conditioned);
        await outbox.EnqueueAsync(Store, OutboxOperationKind.Grant, new TupleKey("user:bob", "viewer", "document:1"));
        var claimed = await outbox.ClaimAsync("node-a", 10, long.MaxValue, TimeSpan.FromMinutes(1));
        var completion = new OutboxCompletion();
        completion.DeadLettered.Add((claimed[0].Sequence, DeadLetterReason.Rejected, "validation_error", "condition not found"));
        completion.DeadLettered.Add((claimed[1].Sequence, DeadLetterReason.MaxAttemptsExceeded, null, "HTTP 503"));
        await outbox.CompleteAsync("node-a", completion);

        var letters = await outbox.GetDeadLettersAsync();
        var retried = await outbox.RetryDeadLettersAsync([letters[0].Sequence]);
        var purged = await outbox.PurgeDeadLettersAsync();

        Assert.Equal([DeadLetterReason.Rejected, DeadLetterReason.MaxAttemptsExceeded], letters.Select(l => l.Reason));
        Assert.Equal(("validation_error", "non_expired", "1h", 1), (letters[0].ErrorCode, letters[0].Tuple.Condition?.Name, letters[0].Tuple.Condition?.Context?["grant_duration"], letters[0].Attempts));
        Assert.Equal((1, 1), (retried, purged));
        var requeued = Assert.Single(await outbox.GetPendingOperationsAsync());
        Assert.Equal((conditioned.User, "non_expired", 0), (requeued.Tuple.User, requeued.Tuple.Condition?.Name, requeued.Attempts));
        Assert.True(requeued.Sequence > claimed[1].Sequence, "A retried dead letter goes to the end of the global order.");
        Assert.Empty(await outbox.GetDeadLettersAsync());
    }
}
