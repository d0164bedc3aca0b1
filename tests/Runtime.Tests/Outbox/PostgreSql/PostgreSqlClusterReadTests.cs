using TypedFga.Backends;
using TypedFga.Outbox;
using TypedFga.Outbox.PostgreSql;

namespace TypedFga.Runtime.Tests.Outbox.PostgreSql;

/// <summary>What a node reads of the operations every node has pending, and the announcements of new ones.</summary>
public sealed class PostgreSqlClusterReadTests
{
    private static readonly FgaConnection Store = new("default", "01HVMMBCMGZNT3SED4Z17ECXCA", null);

    [PostgreSqlFact]
    public async Task A_node_reads_the_operations_another_node_has_pending_on_the_relations_it_asks_for()
    {
        await using var server = await PostgreSqlServer.CreateDatabaseAsync();
        await using var first = server.CreateDataSource();
        await using var second = server.CreateDataSource();
        var nodeA = new PostgreSqlOutboxStore(first);
        await nodeA.InitializeAsync();
        var nodeB = new PostgreSqlOutboxStore(second);

        var viewer = await nodeA.EnqueueAsync(Store, OutboxOperationKind.Grant, new TupleKey("user:anne", "viewer", "document:1"));
        await nodeA.EnqueueAsync(Store, OutboxOperationKind.Grant, new TupleKey("user:anne", "editor", "document:1"));
        await nodeA.EnqueueAsync(Store with { StoreId = "01HVMMBD0000000000000000TB" }, OutboxOperationKind.Grant, new TupleKey("user:anne", "viewer", "document:1"));
        var snapshot = await nodeB.GetPendingSnapshotAsync(Store.StoreId, ["viewer"], upToSequence: null, limit: 10);
        var limited = await nodeB.GetPendingSnapshotAsync(Store.StoreId, relations: null, upToSequence: null, limit: 1);

        var operation = Assert.Single(snapshot.Operations);
        Assert.Equal((viewer, OutboxOperationKind.Grant, false), (operation.Sequence, operation.Kind, operation.InFlight));
        Assert.True(snapshot.IsComplete);
        Assert.Equal(viewer + 2, snapshot.UpToSequence);
        Assert.False(limited.IsComplete);
    }

    [PostgreSqlFact]
    public async Task A_later_operation_that_replaced_an_acknowledged_one_is_seen_through_it()
    {
        await using var server = await PostgreSqlServer.CreateDatabaseAsync();
        await using var dataSource = server.CreateDataSource();
        var outbox = new PostgreSqlOutboxStore(dataSource);
        await outbox.InitializeAsync();
        var anne = new TupleKey("user:anne", "viewer", "document:1");
        var bob = anne with { User = "user:bob" };
        var grant = await outbox.EnqueueAsync(Store, OutboxOperationKind.Grant, anne);
        var bobs = await outbox.EnqueueAsync(Store, OutboxOperationKind.Grant, bob);

        // A check began after the grant, then the grant was replaced by a revoke queued after that.
        var revoke = await outbox.EnqueueAsync(Store, OutboxOperationKind.Revoke, anne);
        var seen = await outbox.GetPendingForTuplesAsync(Store.StoreId, [(anne.Object, anne.Relation, anne.User), (bob.Object, bob.Relation, bob.User)], upToSequence: bobs, CancellationToken.None);

        Assert.True(revoke > bobs && bobs > grant);
        Assert.Equal([bobs, revoke], seen.Select(op => op.Sequence));
    }

    [PostgreSqlFact]
    public async Task Every_listening_node_hears_of_an_append_once_it_is_committed()
    {
        await using var server = await PostgreSqlServer.CreateDatabaseAsync();
        await using var writerSource = server.CreateDataSource();
        await using var listenerSource = server.CreateDataSource();
        var writer = new PostgreSqlOutboxStore(writerSource);
        await writer.InitializeAsync();
        await using var listener = new PostgreSqlOutboxListener(listenerSource);
        var heard = new TaskCompletionSource<PostgreSqlOutboxNotification>(TaskCreationOptions.RunContinuationsAsynchronously);
        listener.Appended += notification => heard.TrySetResult(notification);
        await listener.StartAsync();

        var sequence = await writer.EnqueueAsync(Store, OutboxOperationKind.Grant, new TupleKey("team:eng#member", "viewer", "folder:a|b"));
        var notification = await heard.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(new PostgreSqlOutboxNotification(sequence, Store.StoreId, "folder:a|b", "viewer", "team:eng#member"), notification);
    }
}
