using TypedFga.Backends;
using TypedFga.Runtime.Tests.Outbox;

namespace TypedFga.Runtime.Tests.Client;

/// <summary>Every path a condition context takes (the outbox, the requests of both backends) formats and refuses values alike.</summary>
public sealed class ConditionContextWriterTests
{
    private static readonly Dictionary<string, object?> Context = new()
    {
        ["grant_time"] = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.FromHours(2)),
        ["grant_duration"] = TimeSpan.FromMinutes(90),
        ["limit"] = 5,
        ["ratio"] = 0.5,
        ["tags"] = new[] { "a", "b" },
        ["attributes"] = new Dictionary<string, object?> { ["level"] = 3L },
    };

    [Fact]
    public void Timestamps_durations_lists_and_maps_are_written_as_OpenFGA_reads_them()
    {
        var json = ConditionContextWriter.ToJsonObject(Context, "context")!.ToJsonString();

        Assert.Equal(
            """{"grant_time":"2025-03-01T10:00:00Z","grant_duration":"5400s","limit":5,"ratio":0.5,"tags":["a","b"],"attributes":{"level":3}}""",
            json);
    }

    [Fact]
    public void The_backends_send_the_same_json_as_the_outbox_stores()
    {
        var sent = WireRequests.ContextOf(Context)!.ToJsonString();
        var stored = ConditionContextJson.Serialize(Context, "context");

        Assert.Equal(sent, stored);
    }

    [Fact]
    public void A_DateTime_of_unspecified_kind_is_refused_on_every_path()
    {
        var ambiguous = new Dictionary<string, object?> { ["at"] = new DateTime(2025, 1, 1) };

        Assert.Contains("unspecified kind", Assert.Throws<ArgumentException>(() => ConditionContextWriter.ToJsonObject(ambiguous, "context")).Message);
        Assert.Throws<ArgumentException>(() => ConditionContextJson.Serialize(ambiguous, "tuple"));
        Assert.Throws<ArgumentException>(() => WireRequests.ContextOf(ambiguous));
    }

    [Fact]
    public async Task The_outbox_refuses_an_unsupported_value_before_storing_anything()
    {
        using var outbox = new TempOutbox();
        var tuple = new TupleKey("user:anne", "viewer", "document:1", new RelationshipCondition("c", new Dictionary<string, object?> { ["x"] = new object() }));

        await Assert.ThrowsAsync<ArgumentException>(() => outbox.Store.GrantAsync(TempOutbox.Connection, tuple));

        Assert.Equal(0, (await outbox.Store.GetPendingCountAsync()).Total);
    }
}
