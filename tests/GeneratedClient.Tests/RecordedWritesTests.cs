using TypedFga.Testing;

namespace TypedFga.GeneratedClient.Tests;

public sealed class RecordedWritesTests
{
    private readonly RecordingFgaClient _client = new();

    [Fact]
    public async Task Grant_writes_the_tuple_with_the_default_mode()
    {
        await Fga.Using(_client).Document("roadmap").Editors.Grant(Fga.User("anne"));

        var operation = Assert.Single(_client.Operations);
        Assert.Equal(RecordedOperationKind.Grant, operation.Kind);
        Assert.Equal(new TupleKey("user:anne", "editor", "document:roadmap"), operation.Tuple);
        Assert.Equal(WriteMode.Default, operation.Mode);
    }

    [Fact]
    public async Task Revoke_deletes_the_tuple()
    {
        var editors = Fga.Using(_client).Document("roadmap").Editors;
        await editors.Grant(Fga.User("anne"));
        await editors.Revoke(Fga.User("anne"));

        Assert.Equal(RecordedOperationKind.Revoke, _client.Operations[1].Kind);
        Assert.Equal(new TupleKey("user:anne", "editor", "document:roadmap"), _client.Operations[1].Tuple);
        Assert.Empty(_client.Tuples);
    }

    [Fact]
    public async Task GrantNow_and_RevokeNow_write_through()
    {
        var owners = Fga.Using(_client).Document(7).Owners;
        await owners.GrantNow(Fga.User("anne"));
        await owners.RevokeNow(Fga.User("anne"));

        Assert.Equal([WriteMode.Immediate, WriteMode.Immediate], _client.Operations.Select(o => o.Mode));
        Assert.All(_client.Operations, o => Assert.Equal(new TupleKey("user:anne", "owner", "document:7"), o.Tuple));
    }

    [Fact]
    public async Task A_conditioned_grant_stores_the_given_parameters_under_the_model_names()
    {
        var grantTime = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
        await Fga.Using(_client).Document("roadmap").Viewers.Grant(
            Fga.User("anne"),
            new FgaTypes.NonExpiredCondition(grantTime: grantTime, grantDuration: TimeSpan.FromHours(1)));

        var condition = Assert.Single(_client.Operations).Tuple.Condition;
        Assert.NotNull(condition);
        Assert.Equal("non_expired", condition.Name);
        Assert.NotNull(condition.Context);
        Assert.Equal(["grant_duration", "grant_time"], condition.Context.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(grantTime, condition.Context["grant_time"]);
        Assert.Equal(TimeSpan.FromHours(1), condition.Context["grant_duration"]);
    }

    [Fact]
    public async Task A_condition_without_values_is_written_without_context()
    {
        await Fga.Using(_client).Document("roadmap").Viewers.GrantNow(Fga.User("anne"), new FgaTypes.NonExpiredCondition());

        var operation = Assert.Single(_client.Operations);
        Assert.Equal(new RelationshipCondition("non_expired"), operation.Tuple.Condition);
        Assert.Equal(WriteMode.Immediate, operation.Mode);
    }

    [Fact]
    public async Task The_plain_overload_of_a_subject_that_also_has_a_conditioned_one_writes_no_condition()
    {
        await Fga.Using(_client).Document("roadmap").Viewers.Grant(Fga.User("anne"));

        Assert.Null(Assert.Single(_client.Operations).Tuple.Condition);
    }

    [Fact]
    public async Task A_userset_subject_is_written_as_type_id_relation()
    {
        var fga = Fga.Using(_client);
        await fga.Folder("specs").Viewers.Grant(fga.Team("eng").Members);

        Assert.Equal(new TupleKey("team:eng#member", "viewer", "folder:specs"), Assert.Single(_client.Operations).Tuple);
    }

    [Fact]
    public async Task A_wildcard_subject_is_written_as_type_star()
    {
        await Fga.Using(_client).Document("readme").Viewers.Grant(Fga.AnyUser);

        Assert.Equal(new TupleKey("user:*", "viewer", "document:readme"), Assert.Single(_client.Operations).Tuple);
        Assert.Equal("user:*", Fga.AnyUser.Subject);
    }

    [Fact]
    public async Task Guid_and_long_ids_are_written_in_invariant_form()
    {
        var id = Guid.Parse("0F8FAD5B-D9CB-469F-A165-70867728950E");
        await Fga.Using(_client).Document(id).Blocked.Grant(Fga.User(-42));

        Assert.Equal(new TupleKey("user:-42", "blocked", "document:0f8fad5b-d9cb-469f-a165-70867728950e"), Assert.Single(_client.Operations).Tuple);
    }
}
