using TypedFga.Testing;

namespace TypedFga.GeneratedClient.Tests;

public sealed class ChecksTests
{
    private readonly RecordingFgaClient _client = new();

    [Fact]
    public async Task Check_on_a_computed_relation_sends_the_query_with_its_context()
    {
        _client.SetCheckResult("user:anne", "can_view", "document:roadmap", allowed: true);
        var context = new Dictionary<string, object?> { ["current_time"] = DateTimeOffset.UnixEpoch };

        var allowed = await Fga.Using(_client).Document("roadmap").CanView.Check(Fga.User("anne"), context);

        Assert.True(allowed);
        var operation = Assert.Single(_client.Operations);
        Assert.Equal(RecordedOperationKind.Check, operation.Kind);
        Assert.Equal(new TupleKey("user:anne", "can_view", "document:roadmap"), operation.Tuple);
        Assert.Same(context, operation.Context);
    }

    [Fact]
    public async Task Check_sees_a_granted_tuple()
    {
        var fga = Fga.Using(_client);
        await fga.Team("eng").Members.Grant(fga.User("anne"));

        Assert.True(await fga.Team("eng").Members.Check(fga.User("anne")));
        Assert.False(await fga.Team("eng").Members.Check(fga.User("bob")));
    }

    [Fact]
    public async Task Check_accepts_usersets_and_wildcards_as_subjects()
    {
        var fga = Fga.Using(_client);
        await fga.Document("d").Viewers.Check(fga.Team("eng").Members);
        await fga.Document("d").Viewers.Check(Fga.AnyUser);

        Assert.Equal(["team:eng#member", "user:*"], _client.Operations.Select(o => o.Tuple.User));
    }
}
