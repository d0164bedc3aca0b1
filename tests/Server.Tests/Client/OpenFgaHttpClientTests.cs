using System.Net;
using TypedFga.Backends;
using TypedFga.OpenFga;
using TypedFga.Server.Faults;
using TypedFga.Server.Tests.Infrastructure;
using TypedFga.Wire;
using Xunit.Abstractions;

namespace TypedFga.Server.Tests.Client;

/// <summary>
/// The runtime's own HTTP client (<see cref="OpenFgaHttpClient"/>, <see cref="OpenFgaBackend"/>) over real HTTP
/// against the server: stores, models, idempotent writes, checks, read paging, batch checks, retries.
/// </summary>
public sealed class OpenFgaHttpClientTests(ServerFixture server, ITestOutputHelper output) : IClassFixture<ServerFixture>, IDisposable
{
    public void Dispose() => server.Faults.Reset();

    [Fact]
    public async Task Store_and_model_lifecycle()
    {
        using var client = Client();
        var created = await client.CreateStoreAsync("http-client-store");
        var model = await client.WriteAuthorizationModelAsync(Models.Documents, created.Id);
        var store = await client.GetStoreAsync(created.Id);
        var named = await client.ListStoresAsync(name: "http-client-store");
        var latest = await client.ReadLatestAuthorizationModelAsync(created.Id);
        var read = await client.ReadAuthorizationModelAsync(model.AuthorizationModelId!, created.Id);

        Assert.Equal("http-client-store", store.Name);
        Assert.Contains(named.Stores!, s => s.Id == created.Id);
        Assert.Equal(model.AuthorizationModelId, latest!.Id);
        Assert.Equal(model.AuthorizationModelId, read.AuthorizationModel!.Id);

        await client.DeleteStoreAsync(created.Id);
        var gone = await Assert.ThrowsAsync<FgaApiNotFoundException>(() => client.GetStoreAsync(created.Id));
        Assert.Equal("store_id_not_found", gone.Code);
    }

    [Fact]
    public async Task Backend_writes_idempotently_with_on_duplicate_and_on_missing_ignore()
    {
        using var client = Client();
        server.Traffic.Clear();
        var connection = await NewStoreAsync(client);
        var backend = new OpenFgaBackend(client);
        TupleKey[] grant = [new("user:anne", "owner", "document:1")];
        TupleKey[] missing = [new("user:zed", "viewer", "document:1")];

        await backend.WriteAsync(connection, grant, [], WriteConflictOptions.Idempotent);
        await backend.WriteAsync(connection, grant, missing, WriteConflictOptions.Idempotent);
        var strict = await Assert.ThrowsAsync<FgaApiValidationException>(() => backend.WriteAsync(connection, grant, [], WriteConflictOptions.Strict));

        Assert.Equal("write_failed_due_to_invalid_input", strict.Code);
        Assert.False(strict.IsTransient);
        Assert.True(await backend.CheckAsync(connection, new CheckQuery("user:anne", "viewer", "document:1")));
        Assert.False(await backend.CheckAsync(connection, new CheckQuery("user:bob", "viewer", "document:1")));
        Assert.True(await backend.CheckAsync(connection, new CheckQuery(
            "user:bob", "viewer", "document:1", ContextualTuples: [new TupleKey("user:bob", "viewer", "document:1")])));
        AssertTrafficMatchesSwagger();
    }

    [Fact]
    public async Task Read_pages_through_every_tuple()
    {
        using var client = Client();
        var connection = await NewStoreAsync(client);
        var tuples = Enumerable.Range(0, 7).Select(i => new TupleKey($"user:u{i}", "viewer", "document:paged")).ToArray();
        await new OpenFgaBackend(client).WriteAsync(connection, tuples, [], WriteConflictOptions.Strict);
        server.Traffic.Clear();

        var all = new List<ApiTuple>();
        await foreach (var tuple in client.ReadAllAsync(new ReadRequest { PageSize = 3 }, connection.StoreId))
        {
            all.Add(tuple);
        }

        Assert.Equal(tuples.Select(t => t.User).Order(), all.Select(t => t.Key!.User).Order());
        Assert.Equal(3, server.Traffic.Exchanges.Count(e => e.Path.EndsWith("/read", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Batch_check_splits_into_server_batches_and_maps_answers_back()
    {
        using var client = Client();
        server.Traffic.Clear();
        var connection = await NewStoreAsync(client);
        await new OpenFgaBackend(client).WriteAsync(
            connection, Enumerable.Range(0, 30).Select(i => new TupleKey($"user:u{i}", "viewer", "document:batch")).ToArray(), [], WriteConflictOptions.Strict);

        var checks = Enumerable.Range(0, 60)
            .Select(i => new BatchCheckItem { TupleKey = new TupleKeyWithoutCondition { User = $"user:u{i}", Relation = "viewer", Object = "document:batch" } })
            .ToList();
        var results = await client.BatchCheckAsync(new BatchCheckRequest { Checks = checks }, connection.StoreId);

        Assert.Equal(60, results.Count);
        for (var i = 0; i < 60; i++)
        {
            Assert.Null(results[i].Error);
            Assert.Equal(i < 30, results[i].Allowed);
        }

        AssertTrafficMatchesSwagger();
    }

    [Fact]
    public async Task Transient_failures_are_retried_until_the_server_answers()
    {
        using var client = Client();
        var connection = await NewStoreAsync(client);
        server.Faults.FailNext(2, 503, "unavailable", "restarting", IsCheck);
        server.Faults.Enqueue(Fault.Drop(), matches: IsCheck);

        Assert.False(await new OpenFgaBackend(client).CheckAsync(connection, new CheckQuery("user:anne", "viewer", "document:1")));
        Assert.Equal(0, server.Faults.Pending);
    }

    [Fact]
    public async Task Throttling_reaches_the_caller_as_a_transient_error_once_retries_are_spent()
    {
        using var client = Client(maxRetry: 1);
        var connection = await NewStoreAsync(client);
        server.Faults.Enqueue(Fault.Throttled(), count: 2, matches: IsCheck);

        var error = await Assert.ThrowsAnyAsync<FgaApiException>(() => new OpenFgaBackend(client).CheckAsync(connection, new CheckQuery("user:anne", "viewer", "document:1")));

        output.WriteLine(error.Message);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.StatusCode);
        Assert.Equal("throttled_timeout_error", error.Code);
        Assert.True(error.IsTransient);
    }

    /// <summary>Every request this client sent and every answer, checked against OpenFGA's Swagger document.</summary>
    private void AssertTrafficMatchesSwagger()
    {
        var contract = SwaggerContract.Load(output);
        if (contract is null)
        {
            return;
        }

        var problems = server.Traffic.Exchanges.SelectMany(contract.Validate).ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private static bool IsCheck(Microsoft.AspNetCore.Http.HttpRequest request) => request.Path.Value!.EndsWith("/check", StringComparison.Ordinal);

    private OpenFgaHttpClient Client(int maxRetry = 3) => OpenFgaHttpClient.Create(new OpenFgaClientOptions
    {
        ApiUrl = server.BaseAddress,
        MinWaitInMs = 5,
        MaxRetry = maxRetry,
        RequestTimeout = TimeSpan.FromSeconds(10),
    });

    private static async Task<FgaConnection> NewStoreAsync(OpenFgaHttpClient client)
    {
        var store = await client.CreateStoreAsync("http-client-store");
        var model = await client.WriteAuthorizationModelAsync(Models.Documents, store.Id);
        return new FgaConnection("test", store.Id!, model.AuthorizationModelId);
    }
}
