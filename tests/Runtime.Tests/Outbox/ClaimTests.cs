using TypedFga.Backends;
using TypedFga.Outbox;

namespace TypedFga.Runtime.Tests.Outbox;

public sealed class ClaimTests
{
    private static readonly FgaConnection Connection = TempOutbox.Connection;
    private static readonly FgaConnection Other = new("other", "01HOTHERSTORE00000000000000", null);

    [Fact]
    public async Task A_claim_returns_due_operations_in_sequence_order_with_the_attempt_counted()
    {
        using var outbox = new TempOutbox();
        var condition = new RelationshipCondition("in_region", new Dictionary<string, object?> { ["region"] = "eu" });
        var first = await outbox.Store.GrantAsync(Connection, new TupleKey("user:anne", "viewer", "document:1", condition));
        var second = await outbox.Store.RevokeAsync(Other, new TupleKey("user:bob", "editor", "document:2"));
        var third = await outbox.Store.GrantAsync(Connection, new TupleKey("user:carl", "viewer", "document:3"));

        var claimed = await outbox.Store.ClaimAsync("owner", 2, long.MaxValue, TimeSpan.FromMinutes(1));

        Assert.Equal(new[] { first, second }, claimed.Select(c => c.Sequence).ToArray());
        Assert.All(claimed, c => Assert.Equal(1, c.Attempts));
        Assert.Equal("in_region", claimed[0].Tuple.Condition?.Name);
        Assert.Equal("eu", claimed[0].Tuple.Condition?.Context?["region"]?.ToString());
        Assert.Equal(Connection, claimed[0].Connection);
        Assert.Equal((OutboxOperationKind.Revoke, Other), (claimed[1].Kind, claimed[1].Connection));
        Assert.Equal(TupleHash.Compute(Other.StoreId, "document:2", "editor", "user:bob"), claimed[1].TupleHash);

        var rest = await outbox.Store.ClaimAsync("owner", 10, long.MaxValue, TimeSpan.FromMinutes(1));
        Assert.Equal(third, Assert.Single(rest).Sequence);
    }

    [Fact]
    public async Task A_claim_stops_at_the_highest_sequence_and_skips_tuples_in_flight()
    {
        using var outbox = new TempOutbox();
        var tuple = new TupleKey("user:anne", "viewer", "document:1");
        var granted = await outbox.Store.GrantAsync(Connection, tuple);
        Assert.Single(await outbox.Store.ClaimAsync("first", 10, long.MaxValue, TimeSpan.FromMinutes(1)));
        var waiting = await outbox.Store.RevokeAsync(Connection, tuple);
        var later = await outbox.Store.GrantAsync(Connection, new TupleKey("user:bob", "viewer", "document:1"));

        Assert.Empty(await outbox.Store.ClaimAsync("second", 10, waiting, TimeSpan.FromMinutes(1)));

        // The first flusher never came back: its grant is sent again before the revoke that waited behind it.
        outbox.Time.Advance(TimeSpan.FromMinutes(1));
        var afterExpiry = await outbox.Store.ClaimAsync("second", 10, long.MaxValue, TimeSpan.FromMinutes(1));
        Assert.Equal(new[] { granted, later }, afterExpiry.Select(c => c.Sequence).ToArray());

        await outbox.Store.CompleteAsync("second", new OutboxCompletion([granted, later]));
        var next = await outbox.Store.ClaimAsync("third", 10, long.MaxValue, TimeSpan.FromMinutes(1));
        Assert.Equal(waiting, Assert.Single(next).Sequence);
    }
}
