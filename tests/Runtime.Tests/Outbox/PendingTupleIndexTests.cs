using TypedFga.Outbox;

namespace TypedFga.Runtime.Tests.Outbox;

/// <summary>The in-memory index of pending tuples: never misses what this process appended, forgets what was sent.</summary>
public sealed class PendingTupleIndexTests
{
    private const string Store = "store";

    [Fact]
    public void Tuples_are_found_by_object_and_by_relation_up_to_a_sequence_number()
    {
        var index = new PendingTupleIndex();
        index.Add([Tuple("document:1", "viewer", "user:anne", 1), Tuple("document:2", "viewer", "user:bob", 2), Tuple("document:1", "viewer", "user:carl", 3)]);

        Assert.Equal(["user:anne"], index.UsersOn(Store, "document:1", "viewer", upToSequence: 2));
        Assert.Equal(["user:anne", "user:carl"], index.UsersOn(Store, "document:1", "viewer", upToSequence: 3).Order());
        Assert.Empty(index.UsersOn("other-store", "document:1", "viewer", 3));
        Assert.True(index.AnyOn(Store, "document", "viewer"));
        Assert.False(index.AnyOn(Store, "document", "editor"));
        Assert.Equal(3, index.TuplesOf(Store, "document", "viewer", 3).Count);
        Assert.Equal(3, index.Watermark);
    }

    [Fact]
    public void Forgetting_a_tuple_keeps_operations_newer_than_the_read_that_found_it_gone()
    {
        var index = new PendingTupleIndex();
        index.Add([Tuple("document:1", "viewer", "user:anne", 1)]);
        index.Add([Tuple("document:1", "viewer", "user:anne", 5)]);

        // A read up to 3 found nothing on the tuple: the operation at 1 is gone, the one at 5 may not be.
        index.Forget(Store, "document:1", "viewer", "user:anne", upToSequence: 3);
        Assert.Empty(index.UsersOn(Store, "document:1", "viewer", 3));
        Assert.Equal(["user:anne"], index.UsersOn(Store, "document:1", "viewer", 4));

        index.Forget(Store, "document:1", "viewer", "user:anne", upToSequence: 5);
        Assert.Empty(index.UsersOn(Store, "document:1", "viewer", 10));
        Assert.False(index.AnyOn(Store, "document", "viewer"));
    }

    [Fact]
    public void A_rebuild_keeps_what_was_appended_while_the_file_was_scanned()
    {
        var index = new PendingTupleIndex();
        index.Add([Tuple("document:1", "viewer", "user:sent", 1)]);

        index.BeginRebuild();
        index.Add([Tuple("document:1", "viewer", "user:during", 7)]);
        index.CompleteRebuild([Tuple("document:1", "viewer", "user:other-process", 6)], committed: 6);

        Assert.Equal(["user:during", "user:other-process"], index.UsersOn(Store, "document:1", "viewer", 7).Order());
        Assert.Equal(7, index.Watermark);
    }

    [Fact]
    public void Past_its_size_it_stops_answering_until_a_rebuild_finds_fewer_tuples()
    {
        var index = new PendingTupleIndex();
        index.Add(Enumerable.Range(1, PendingTupleIndex.MaxTuples + 1).Select(i => Tuple($"document:{i}", "viewer", "user:anne", i)).ToList());

        Assert.False(index.IsUsable);
        Assert.Empty(index.UsersOn(Store, "document:1", "viewer", long.MaxValue));

        index.BeginRebuild();
        index.CompleteRebuild(null, committed: PendingTupleIndex.MaxTuples + 1);
        Assert.False(index.IsUsable);

        index.BeginRebuild();
        index.CompleteRebuild([Tuple("document:9", "viewer", "user:anne", 9)], committed: PendingTupleIndex.MaxTuples + 1);
        Assert.True(index.IsUsable);
        Assert.Equal(["user:anne"], index.UsersOn(Store, "document:9", "viewer", long.MaxValue));
    }

    [Fact]
    public async Task The_store_adds_an_operation_before_its_grant_returns_and_a_refresh_forgets_it_once_sent()
    {
        using var outbox = new TempOutbox();
        var tuple = new TupleKey("user:anne", "viewer", "document:1");

        var sequence = await outbox.Store.GrantAsync(TempOutbox.Connection, tuple);

        var index = outbox.Store.PendingTuples;
        Assert.Equal(["user:anne"], index.UsersOn(TempOutbox.Connection.StoreId, "document:1", "viewer", sequence));
        Assert.Equal(sequence, index.Watermark);

        await outbox.Store.ClearAsync();
        await outbox.Store.RefreshAfterFlushAsync();
        Assert.Empty(index.UsersOn(TempOutbox.Connection.StoreId, "document:1", "viewer", long.MaxValue));
    }

    [Fact]
    public async Task A_store_opened_on_a_file_with_pending_operations_knows_them_and_those_another_process_appends_after_a_refresh()
    {
        using var outbox = new TempOutbox();
        await outbox.Store.GrantAsync(TempOutbox.Connection, new TupleKey("user:anne", "viewer", "document:1"));

        var reopened = outbox.Reopen();
        await reopened.GetPendingCountAsync();
        var other = outbox.OpenStore();
        await other.RevokeAsync(TempOutbox.Connection, new TupleKey("user:bob", "viewer", "document:1"));

        var store = TempOutbox.Connection.StoreId;
        Assert.Equal(["user:anne"], reopened.PendingTuples.UsersOn(store, "document:1", "viewer", long.MaxValue));
        await reopened.RefreshAfterFlushAsync();
        Assert.Equal(["user:anne", "user:bob"], reopened.PendingTuples.UsersOn(store, "document:1", "viewer", long.MaxValue).Order());
    }

    private static AppendedTuple Tuple(string @object, string relation, string user, long sequence) => new(Store, @object, relation, user, sequence);
}
