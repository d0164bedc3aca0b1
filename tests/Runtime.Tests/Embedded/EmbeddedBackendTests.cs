using System.Net;
using TypedFga.Backends;
using TypedFga.Embedded;
using TypedFga.Embedded.Errors;

namespace TypedFga.Tests.Embedded;

/// <summary>The embedded backend's errors are caught as the same exception type as a remote OpenFGA's.</summary>
public sealed class EmbeddedBackendTests
{
    [Fact]
    public async Task A_refused_write_is_an_FgaApiException_with_OpenFGAs_status_code_and_message()
    {
        using var fixture = await EngineFixture.CreateAsync();
        var backend = new EmbeddedBackend(fixture.Engine);
        var connection = new FgaConnection("default", fixture.StoreId, fixture.ModelId);
        TupleKey[] owner = [new("user:anne", "owner", "document:1")];
        await backend.WriteAsync(connection, owner, [], WriteConflictOptions.Strict);

        var error = await Assert.ThrowsAnyAsync<FgaApiException>(() => backend.WriteAsync(connection, owner, [], WriteConflictOptions.Strict));

        var engineError = Assert.IsType<FgaEngineException>(error);
        Assert.Equal(FgaErrorCode.WriteFailedDueToInvalidInput, engineError.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("write_failed_due_to_invalid_input", error.Code);
        Assert.Contains("user:anne", error.ServerMessage, StringComparison.Ordinal);
        Assert.Equal($"OpenFGA returned 400 write_failed_due_to_invalid_input: {error.ServerMessage}", error.Message);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task A_check_on_an_unknown_relation_is_a_permanent_validation_error()
    {
        using var fixture = await EngineFixture.CreateAsync();
        var backend = new EmbeddedBackend(fixture.Engine);
        var connection = new FgaConnection("default", fixture.StoreId, fixture.ModelId);

        var error = await Assert.ThrowsAnyAsync<FgaApiException>(() => backend.CheckAsync(connection, new CheckQuery("user:anne", "reader", "document:1")));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("validation_error", error.Code);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task Higher_consistency_is_accepted_and_answers_as_any_check()
    {
        using var fixture = await EngineFixture.CreateAsync();
        var backend = new EmbeddedBackend(fixture.Engine);
        var connection = new FgaConnection("default", fixture.StoreId, fixture.ModelId);
        await backend.WriteAsync(connection, [new("user:anne", "owner", "document:1")], [], WriteConflictOptions.Strict);
        var query = new CheckQuery("user:anne", "viewer", "document:1");

        Assert.True(await backend.CheckAsync(connection, query with { Consistency = FgaConsistency.HigherConsistency }));
        Assert.False(await backend.CheckAsync(connection, query with { User = "user:bob", Consistency = FgaConsistency.HigherConsistency }));
    }

    [Fact]
    public async Task A_write_conflict_is_transient()
    {
        using var fixture = await EngineFixture.CreateAsync();
        var backend = new EmbeddedBackend(fixture.Engine);
        var connection = new FgaConnection("default", fixture.StoreId, fixture.ModelId);
        await backend.WriteAsync(connection, [new("user:anne", "editor", "document:1")], [], WriteConflictOptions.Strict);
        TupleKey[] conditional = [new("user:anne", "editor", "document:1", new RelationshipCondition("in_office"))];

        var error = await Assert.ThrowsAnyAsync<FgaApiException>(() => backend.WriteAsync(connection, conditional, [], WriteConflictOptions.Idempotent));

        Assert.Equal(HttpStatusCode.Conflict, error.StatusCode);
        Assert.Equal("Aborted", error.Code);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task ListObjects_stops_at_the_result_limit_and_the_streamed_form_finds_every_object()
    {
        using var fixture = await EngineFixture.CreateAsync(new EmbeddedOpenFgaOptions { ListObjectsMaxResults = 3 });
        var backend = new EmbeddedBackend(fixture.Engine);
        var connection = new FgaConnection("default", fixture.StoreId, fixture.ModelId);
        await backend.WriteAsync(connection, Enumerable.Range(1, 5).Select(i => new TupleKey("user:anne", "viewer", "document:" + i)).ToList(), [], WriteConflictOptions.Strict);
        var query = new ListObjectsQuery("document", "viewer", "user:anne");

        var limited = await backend.ListObjectsAsync(connection, query);
        var streamed = new List<string>();
        await foreach (var @object in backend.StreamListObjectsAsync(connection, query))
        {
            streamed.Add(@object);
        }

        Assert.Equal(3, limited.Count);
        Assert.Equal(Enumerable.Range(1, 5).Select(i => "document:" + i), streamed.Order(StringComparer.Ordinal));
    }
}
