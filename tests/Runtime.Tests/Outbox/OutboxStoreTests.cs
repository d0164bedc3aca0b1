using Microsoft.Data.Sqlite;
using TypedFga.Outbox;

namespace TypedFga.Runtime.Tests.Outbox;

public sealed class OutboxStoreTests
{
    private static readonly TupleKey Anne = new("user:anne", "editor", "document:1");

    [Fact]
    public async Task Grant_survives_a_restart_with_its_condition_and_connection()
    {
        using var outbox = new TempOutbox();
        var expires = new DateTimeOffset(2030, 5, 6, 7, 8, 9, TimeSpan.Zero);
        var tuple = new TupleKey("user:anne", "viewer", "document:1", new RelationshipCondition("not_expired", new Dictionary<string, object?>
        {
            ["expires_at"] = expires,
            ["grace"] = TimeSpan.FromMinutes(90),
            ["limit"] = 3,
            ["tags"] = new[] { "a", "b" },
        }));
        var sequence = await outbox.Store.GrantAsync(TempOutbox.Connection, tuple);

        var reopened = outbox.Reopen();

        var pending = Assert.Single(await reopened.GetPendingOperationsAsync());
        Assert.Equal(sequence, pending.Sequence);
        Assert.Equal(OutboxOperationKind.Grant, pending.Kind);
        Assert.Equal(TempOutbox.Connection, pending.Connection);
        Assert.Equal(outbox.Time.GetUtcNow(), pending.EnqueuedAt);
        Assert.Equal(0, pending.Attempts);
        Assert.False(pending.InFlight);
        Assert.Equal(("user:anne", "viewer", "document:1"), (pending.Tuple.User, pending.Tuple.Relation, pending.Tuple.Object));
        var context = pending.Tuple.Condition!.Context!;
        Assert.Equal("not_expired", pending.Tuple.Condition.Name);
        Assert.Equal("2030-05-06T07:08:09Z", context["expires_at"]);
        Assert.Equal("5400s", context["grace"]);
        Assert.Equal(3L, context["limit"]);
        Assert.Equal(new object?[] { "a", "b" }, (IEnumerable<object?>)context["tags"]!);
        Assert.Equal(1, reopened.PendingEstimate);
    }

    [Theory]
    [InlineData(new[] { OutboxOperationKind.Grant, OutboxOperationKind.Revoke }, OutboxOperationKind.Revoke)]
    [InlineData(new[] { OutboxOperationKind.Revoke, OutboxOperationKind.Grant }, OutboxOperationKind.Grant)]
    [InlineData(new[] { OutboxOperationKind.Grant, OutboxOperationKind.Grant }, OutboxOperationKind.Grant)]
    [InlineData(new[] { OutboxOperationKind.Revoke, OutboxOperationKind.Revoke }, OutboxOperationKind.Revoke)]
    [InlineData(new[] { OutboxOperationKind.Grant, OutboxOperationKind.Revoke, OutboxOperationKind.Grant }, OutboxOperationKind.Grant)]
    [InlineData(new[] { OutboxOperationKind.Revoke, OutboxOperationKind.Grant, OutboxOperationKind.Revoke }, OutboxOperationKind.Revoke)]
    public async Task The_last_operation_on_a_tuple_wins(OutboxOperationKind[] sequence, OutboxOperationKind expected)
    {
        using var outbox = new TempOutbox();
        long last = 0;
        foreach (var kind in sequence)
        {
            last = await outbox.Store.EnqueueAsync(TempOutbox.Connection, kind, Anne);
        }

        var pending = Assert.Single(await outbox.Store.GetPendingOperationsAsync());
        Assert.Equal(expected, pending.Kind);
        Assert.Equal(last, pending.Sequence);
        var count = await outbox.Store.GetPendingCountAsync();
        Assert.Equal(1, count.Total);
        Assert.Equal(expected == OutboxOperationKind.Grant ? 1 : 0, count.Writes);
        Assert.Equal(1, outbox.Store.PendingEstimate);
    }

    [Fact]
    public async Task Operations_on_different_tuples_or_stores_do_not_coalesce()
    {
        using var outbox = new TempOutbox();
        var otherStore = TempOutbox.Connection with { StoreId = "01HOTHERSTORE00000000000000" };
        await outbox.Store.GrantAsync(TempOutbox.Connection, Anne);
        await outbox.Store.GrantAsync(otherStore, Anne);
        await outbox.Store.RevokeAsync(TempOutbox.Connection, Anne with { User = "user:bob" });
        await outbox.Store.GrantAsync(TempOutbox.Connection, Anne with { Relation = "viewer" });

        Assert.Equal(new PendingCount(3, 1), await outbox.Store.GetPendingCountAsync());
    }

    [Fact]
    public async Task An_invalid_tuple_is_refused_before_anything_is_stored()
    {
        using var outbox = new TempOutbox();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => outbox.Store.GrantAsync(TempOutbox.Connection, new TupleKey("user:anne", "editor", "document:has space")));
        Assert.Contains("document:has space", error.Message, StringComparison.Ordinal);
        Assert.Equal("tuple", error.ParamName);
        await Assert.ThrowsAsync<ArgumentException>(() => outbox.Store.GrantAsync(TempOutbox.Connection,
            new TupleKey("user:anne", "editor", "document:1", new RelationshipCondition("cond", new Dictionary<string, object?> { ["x"] = new object() }))));
        await Assert.ThrowsAsync<ArgumentException>(() => outbox.Store.GrantAsync(TempOutbox.Connection with { StoreId = " " }, Anne));

        Assert.Equal(0, (await outbox.Store.GetPendingCountAsync()).Total);
    }

    [Fact]
    public async Task The_file_is_owner_only_in_wal_mode_with_the_current_schema_version()
    {
        using var outbox = new TempOutbox();
        await outbox.Store.GrantAsync(TempOutbox.Connection, Anne);

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(outbox.FilePath));
        }

        await using var connection = new SqliteConnection($"Data Source={outbox.FilePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        command.CommandText = "PRAGMA user_version";
        Assert.Equal(OutboxSchema.CurrentVersion, Convert.ToInt32(await command.ExecuteScalarAsync()));
    }

    [Fact]
    public async Task A_disposed_store_refuses_writes_and_reads()
    {
        using var outbox = new TempOutbox();
        await outbox.Store.GrantAsync(TempOutbox.Connection, Anne);
        outbox.Store.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => outbox.Store.GrantAsync(TempOutbox.Connection, Anne));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => outbox.Store.GetPendingCountAsync());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => outbox.Store.GetDeadLettersAsync());
        Assert.Equal(1, (await outbox.OpenStore().GetPendingCountAsync()).Total);
    }

    [Fact]
    public async Task A_file_from_a_newer_version_is_refused_and_left_untouched()
    {
        using var outbox = new TempOutbox();
        await outbox.Store.GrantAsync(TempOutbox.Connection, Anne);
        outbox.Store.Dispose();
        await using (var connection = new SqliteConnection($"Data Source={outbox.FilePath}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99";
            await command.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        var newer = outbox.OpenStore();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => newer.GrantAsync(TempOutbox.Connection, Anne));
        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_callers_share_one_commit()
    {
        using var outbox = new TempOutbox();
        const int Callers = 20;
        var commits = new List<int>();
        using var othersQueued = new CountdownEvent(Callers - 1);
        outbox.Store.Appended += (_, e) =>
        {
            lock (commits)
            {
                commits.Add(e.Appended);
            }

            // Hold the first commit's thread until every other caller has queued behind it.
            if (commits.Count == 1)
            {
                othersQueued.Wait(TimeSpan.FromSeconds(10));
            }
        };

        var first = Task.Run(() => outbox.Store.GrantAsync(TempOutbox.Connection, new TupleKey("user:u0", "viewer", "document:1")));
        await WaitUntilAsync(() => commits.Count == 1);
        var others = Enumerable.Range(1, Callers - 1).Select(i =>
        {
            var task = outbox.Store.GrantAsync(TempOutbox.Connection, new TupleKey($"user:u{i}", "viewer", "document:1"));
            othersQueued.Signal();
            return task;
        }).ToList();
        var sequences = await Task.WhenAll(others.Prepend(first));

        Assert.Equal(new[] { 1, Callers - 1 }, commits.ToArray());
        Assert.Equal(Callers, sequences.Distinct().Count());
        Assert.Equal(Callers, (await outbox.Reopen().GetPendingCountAsync()).Writes);
    }

    [Fact]
    public async Task Clear_drops_pending_operations()
    {
        using var outbox = new TempOutbox();
        await outbox.Store.GrantAsync(TempOutbox.Connection, Anne);
        await outbox.Store.RevokeAsync(TempOutbox.Connection, Anne with { User = "user:bob" });

        Assert.Equal(2, await outbox.Store.ClearAsync());

        Assert.Equal(0, (await outbox.Reopen().GetPendingCountAsync()).Total);
        Assert.Equal(0, outbox.Store.PendingEstimate);
    }

    [Fact]
    public async Task Many_sequential_operations_are_all_durable()
    {
        using var outbox = new TempOutbox(o => o.Durability = OutboxDurability.Full);
        for (var i = 0; i < 200; i++)
        {
            await outbox.Store.GrantAsync(TempOutbox.Connection, new TupleKey($"user:u{i}", "viewer", $"document:{i % 7}"));
        }

        Assert.Equal(200, (await outbox.Reopen().GetPendingCountAsync()).Writes);
    }

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not become true in 10 seconds.");
            }

            await Task.Delay(5);
        }
    }
}
