using System.Net;
using System.Text.Json.Nodes;
using TypedFga.Embedded.Errors;
using TypedFga.Wire;

namespace TypedFga.Tests.Embedded;

public sealed class WriteTests
{
    [Fact]
    public async Task Writing_an_existing_tuple_fails_unless_duplicates_are_ignored()
    {
        using var fixture = await EngineFixture.CreateAsync();
        await fixture.WriteAsync(ApiTupleKey.Of("user:anne", "owner", "document:1"));

        var error = await Assert.ThrowsAsync<FgaEngineException>(() => fixture.WriteAsync(ApiTupleKey.Of("user:anne", "owner", "document:1")));
        Assert.Equal(FgaErrorCode.WriteFailedDueToInvalidInput, error.ErrorCode);
        Assert.Equal("write_failed_due_to_invalid_input", error.Code);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);

        await fixture.Engine.WriteAsync(fixture.StoreId, new WriteRequest
        {
            Writes = new WriteRequestWrites { TupleKeys = [ApiTupleKey.Of("user:anne", "owner", "document:1")], OnDuplicate = "ignore" },
        });
        Assert.True(await fixture.CheckAsync("user:anne", "owner", "document:1"));
    }

    [Fact]
    public async Task Ignoring_duplicates_conflicts_when_the_condition_differs()
    {
        using var fixture = await EngineFixture.CreateAsync();
        await fixture.WriteAsync(ApiTupleKey.Of("user:anne", "editor", "document:1"));
        var conditional = ApiTupleKey.Of("user:anne", "editor", "document:1", new ApiRelationshipCondition { Name = "in_office" });

        var error = await Assert.ThrowsAsync<FgaEngineException>(() => fixture.Engine.WriteAsync(fixture.StoreId, new WriteRequest
        {
            Writes = new WriteRequestWrites { TupleKeys = [conditional], OnDuplicate = "ignore" },
        }));

        Assert.Equal(HttpStatusCode.Conflict, error.StatusCode);
        Assert.Equal("Aborted", error.Code);
    }

    [Fact]
    public async Task Deleting_a_missing_tuple_fails_unless_missing_is_ignored_and_the_whole_write_rolls_back()
    {
        using var fixture = await EngineFixture.CreateAsync();
        var request = new WriteRequest
        {
            Writes = new WriteRequestWrites { TupleKeys = [ApiTupleKey.Of("user:bob", "owner", "document:1")] },
            Deletes = new WriteRequestDeletes { TupleKeys = [TupleKeyWithoutCondition.Of("user:anne", "owner", "document:1")] },
        };

        var error = await Assert.ThrowsAsync<FgaEngineException>(() => fixture.Engine.WriteAsync(fixture.StoreId, request));
        Assert.Equal(FgaErrorCode.WriteFailedDueToInvalidInput, error.ErrorCode);
        Assert.False(await fixture.CheckAsync("user:bob", "owner", "document:1"));

        await fixture.Engine.WriteAsync(fixture.StoreId, request with { Deletes = request.Deletes! with { OnMissing = "ignore" } });
        Assert.True(await fixture.CheckAsync("user:bob", "owner", "document:1"));
    }

    [Fact]
    public async Task A_request_is_refused_when_empty_too_large_duplicated_or_with_an_unknown_option()
    {
        using var fixture = await EngineFixture.CreateAsync();
        var tuple = ApiTupleKey.Of("user:anne", "owner", "document:1");

        async Task<FgaErrorCode> Code(WriteRequest request) =>
            (await Assert.ThrowsAsync<FgaEngineException>(() => fixture.Engine.WriteAsync(fixture.StoreId, request))).ErrorCode;

        Assert.Equal(FgaErrorCode.InvalidWriteInput, await Code(new WriteRequest()));
        Assert.Equal(FgaErrorCode.ExceededEntityLimit, await Code(new WriteRequest
        {
            Writes = new WriteRequestWrites { TupleKeys = Enumerable.Range(0, 101).Select(i => ApiTupleKey.Of($"user:u{i}", "owner", "document:1")).ToList() },
        }));
        Assert.Equal(FgaErrorCode.CannotAllowDuplicateTuplesInOneRequest, await Code(new WriteRequest
        {
            Writes = new WriteRequestWrites { TupleKeys = [tuple] },
            Deletes = new WriteRequestDeletes { TupleKeys = [TupleKeyWithoutCondition.Of("user:anne", "owner", "document:1")] },
        }));
        Assert.Equal(FgaErrorCode.ValidationError, await Code(new WriteRequest
        {
            Writes = new WriteRequestWrites { TupleKeys = [tuple], OnDuplicate = "skip" },
        }));
    }

    [Fact]
    public async Task Tuples_that_break_the_type_restrictions_are_refused_with_OpenFGA_codes()
    {
        using var fixture = await EngineFixture.CreateAsync();

        async Task<FgaErrorCode> Code(ApiTupleKey tuple) =>
            (await Assert.ThrowsAsync<FgaEngineException>(() => fixture.WriteAsync(tuple))).ErrorCode;

        Assert.Equal(FgaErrorCode.TypeNotFound, await Code(ApiTupleKey.Of("user:anne", "viewer", "spreadsheet:1")));
        Assert.Equal(FgaErrorCode.RelationNotFound, await Code(ApiTupleKey.Of("user:anne", "reader", "document:1")));
        Assert.Equal(FgaErrorCode.ValidationError, await Code(ApiTupleKey.Of("group:eng", "viewer", "document:1")));
        Assert.Equal(FgaErrorCode.ValidationError, await Code(ApiTupleKey.Of("user:*", "owner", "document:1")));
        Assert.Equal(FgaErrorCode.ValidationError, await Code(ApiTupleKey.Of("user:anne", "editor", "document:1", new ApiRelationshipCondition { Name = "nope" })));
        Assert.Equal(FgaErrorCode.ValidationError, await Code(ApiTupleKey.Of("user:anne", "editor", "document:1",
            new ApiRelationshipCondition { Name = "in_office", Context = new JsonObject { ["unknown"] = 1 } })));
    }

    [Fact]
    public async Task Read_pages_through_matching_tuples_and_ReadChanges_records_writes_and_deletes()
    {
        using var fixture = await EngineFixture.CreateAsync();
        for (var i = 0; i < 5; i++)
        {
            await fixture.WriteAsync(ApiTupleKey.Of($"user:u{i}", "owner", "document:1"));
        }

        await fixture.WriteAsync(ApiTupleKey.Of("user:u0", "viewer", "document:2"));
        await fixture.Engine.WriteAsync(fixture.StoreId, new WriteRequest { Deletes = new WriteRequestDeletes { TupleKeys = [TupleKeyWithoutCondition.Of("user:u1", "owner", "document:1")] } });

        var first = await fixture.Engine.ReadAsync(fixture.StoreId, new ReadRequest { TupleKey = new ReadRequestTupleKey { Object = "document:1", Relation = "owner" }, PageSize = 3 });
        var second = await fixture.Engine.ReadAsync(fixture.StoreId, new ReadRequest { TupleKey = new ReadRequestTupleKey { Object = "document:1", Relation = "owner" }, PageSize = 3, ContinuationToken = first.ContinuationToken });
        Assert.Equal(["user:u0", "user:u2", "user:u3"], first.Tuples.Select(t => t.Key!.User!));
        Assert.Equal(["user:u4"], second.Tuples.Select(t => t.Key!.User!));
        Assert.Equal("", second.ContinuationToken);

        var byUser = await fixture.Engine.ReadAsync(fixture.StoreId, new ReadRequest { TupleKey = new ReadRequestTupleKey { Object = "document:", User = "user:u0" } });
        Assert.Equal(2, byUser.Tuples.Count);

        var changes = await fixture.Engine.ReadChangesAsync(fixture.StoreId, new ReadChangesRequest { Type = "document" });
        Assert.Equal(7, changes.Changes.Count);
        Assert.Equal("TUPLE_OPERATION_DELETE", changes.Changes[^1].Operation);
        var none = await fixture.Engine.ReadChangesAsync(fixture.StoreId, new ReadChangesRequest { ContinuationToken = changes.ContinuationToken });
        Assert.Empty(none.Changes);
    }
}
