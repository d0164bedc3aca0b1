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

    [Fact]
    public async Task Queries_answer_from_the_recorded_tuples_and_are_recorded()
    {
        var client = new RecordingFgaClient();
        await client.GrantAsync(new TupleKey("user:anne", "viewer", "document:1"));
        await client.GrantAsync(new TupleKey("user:*", "viewer", "document:2"));
        await client.GrantAsync(new TupleKey("team:eng#member", "viewer", "document:1"));
        await client.GrantAsync(new TupleKey("user:anne", "editor", "document:3"));
        client.SetCheckResult("user:anne", "viewer", "document:4", true);

        var objects = await client.ListObjectsAsync(new ListObjectsQuery("document", "viewer", "user:anne"));
        var users = await client.ListUsersAsync(new ListUsersQuery("document:1", "viewer", "user"));
        var teams = await client.ListUsersAsync(new ListUsersQuery("document:1", "viewer", "team#member"));
        var answers = await client.BatchCheckAsync([new CheckQuery("user:bob", "viewer", "document:2"), new CheckQuery("user:bob", "viewer", "document:1")]);
        var read = new List<FgaTupleRecord>();
        await foreach (var record in client.ReadAsync(new ReadQuery("document:1")))
        {
            read.Add(record);
        }

        var tree = Assert.IsType<FgaExpandUsers>(await client.ExpandAsync(new ExpandQuery("document:1", "viewer")));

        Assert.Equal(["document:1", "document:2", "document:4"], objects);
        Assert.Equal(["user:anne"], users);
        Assert.Equal(["team:eng#member"], teams);
        Assert.Equal([true, false], answers);
        Assert.Equal(["team:eng#member", "user:anne"], read.Select(r => r.Tuple.User).Order(StringComparer.Ordinal));
        Assert.Equal(["team:eng#member", "user:anne"], tree.Users);
        Assert.Equal(
            [RecordedOperationKind.ListObjects, RecordedOperationKind.ListUsers, RecordedOperationKind.ListUsers, RecordedOperationKind.Check,
                RecordedOperationKind.Check, RecordedOperationKind.Read, RecordedOperationKind.Expand],
            client.Operations.Skip(4).Select(o => o.Kind));
        Assert.Equal(new TupleKey("user:anne", "viewer", "document:"), client.Operations[4].Tuple);
    }
}
