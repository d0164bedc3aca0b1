using TypedFga.Testing;

namespace TypedFga.Runtime.Tests;

public sealed class RecordingFgaClientTests
{
    [Fact]
    public async Task Check_answers_from_recorded_grants_and_revokes()
    {
        var client = new RecordingFgaClient();
        var tuple = new TupleKey("user:anne", "editor", "document:1");

        await client.GrantAsync(tuple);
        Assert.True(await client.CheckAsync(new CheckQuery("user:anne", "editor", "document:1")));

        await client.RevokeAsync(tuple, WriteMode.Immediate);
        Assert.False(await client.CheckAsync(new CheckQuery("user:anne", "editor", "document:1")));

        Assert.Equal(
            new[] { RecordedOperationKind.Grant, RecordedOperationKind.Check, RecordedOperationKind.Revoke, RecordedOperationKind.Check },
            client.Operations.Select(o => o.Kind).ToArray());
        Assert.Equal(WriteMode.Immediate, client.Operations[2].Mode);
        Assert.Empty(client.Tuples);
    }

    [Fact]
    public async Task Wildcard_grant_answers_for_every_object_of_the_type_but_not_for_usersets()
    {
        var client = new RecordingFgaClient();
        await client.GrantAsync(new TupleKey("user:*", "viewer", "document:1"));

        Assert.True(await client.CheckAsync(new CheckQuery("user:bob", "viewer", "document:1")));
        Assert.False(await client.CheckAsync(new CheckQuery("team:x#member", "viewer", "document:1")));
        Assert.False(await client.CheckAsync(new CheckQuery("user:bob", "viewer", "document:2")));
    }
}
