using TypedFga.OpenFga;
using TypedFga.Runtime.Tests.OpenFga.Fakes;

namespace TypedFga.Runtime.Tests.OpenFga;

public sealed class OpenFgaStoreAndModelTests
{
    private const string StoreJson =
        """{"id":"01HVMMBCMGZNT3SED4Z17ECXCA","name":"docs","created_at":"2021-10-06T15:32:11.128Z","updated_at":"2021-10-06T15:32:11.128Z","deleted_at":null}""";

    [Fact]
    public async Task CreateStore_posts_the_name_with_the_client_headers_and_reads_the_201_answer()
    {
        await using var harness = await ClientHarness.StartAsync();
        harness.Server.Respond("POST", "/stores", FakeResponse.Json(
            """{"id":"01HVMMBCMGZNT3SED4Z17ECXCA","name":"docs","created_at":"2021-10-06T15:32:11.128Z","updated_at":null}""", 201));

        var created = await harness.Client.CreateStoreAsync("docs");

        Assert.Equal("01HVMMBCMGZNT3SED4Z17ECXCA", created.Id);
        Assert.Equal("docs", created.Name);
        Assert.Equal(new DateTimeOffset(2021, 10, 6, 15, 32, 11, 128, TimeSpan.Zero), created.CreatedAt);
        Assert.Null(created.UpdatedAt);
        var request = Assert.Single(harness.Server.Requests);
        Assert.Equal("""{"name":"docs"}""", request.Body);
        Assert.StartsWith("application/json", request.Header("Content-Type"));
        Assert.Equal("application/json", request.Header("Accept"));
        Assert.Matches(@"^typedfga-dotnet/\d+\.\d+\.\d+", request.Header("User-Agent"));
    }

    [Fact]
    public async Task ListStores_sends_paging_and_name_in_the_query_and_accepts_nulls()
    {
        await using var harness = await ClientHarness.StartAsync();
        harness.Server.Respond("GET", "/stores", FakeResponse.Json($$"""{"stores":[{{StoreJson}},{"id":null,"name":null}],"continuation_token":""}"""));

        var page = await harness.Client.ListStoresAsync(pageSize: 2, continuationToken: "abc=", name: "my docs");

        Assert.Equal("?page_size=2&continuation_token=abc%3D&name=my%20docs", harness.Server.Requests.Single().Query);
        Assert.Equal(2, page.Stores.Count);
        Assert.Null(page.Stores[0].DeletedAt);
        Assert.Equal("", page.Stores[1].Id);
        Assert.Equal(string.Empty, page.ContinuationToken);
    }

    [Fact]
    public async Task GetStore_and_DeleteStore_use_the_configured_store_or_the_given_one()
    {
        await using var harness = await ClientHarness.StartAsync();
        harness.Server.Respond("GET", ClientHarness.StorePath(), FakeResponse.Json(StoreJson));
        harness.Server.Respond("DELETE", "/stores/01HVMMBCMGZNT3SED4Z17ECXCB", new FakeResponse(204, null));

        var store = await harness.Client.GetStoreAsync();
        await harness.Client.DeleteStoreAsync("01HVMMBCMGZNT3SED4Z17ECXCB");

        Assert.Equal("docs", store.Name);
        Assert.Equal(["GET " + ClientHarness.StorePath(), "DELETE /stores/01HVMMBCMGZNT3SED4Z17ECXCB"],
            harness.Server.Requests.Select(r => $"{r.Method} {r.Path}"));
    }

    [Fact]
    public async Task A_call_without_any_store_id_fails_before_sending()
    {
        await using var harness = await ClientHarness.StartAsync(o => o.StoreId = null);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => harness.Client.GetStoreAsync());

        Assert.Contains("Fga:StoreId", error.Message);
        Assert.Empty(harness.Server.Requests);
    }

    [Fact]
    public async Task WriteAuthorizationModel_sends_the_model_json_unchanged()
    {
        await using var harness = await ClientHarness.StartAsync();
        harness.Server.Respond("POST", ClientHarness.StorePath("/authorization-models"),
            FakeResponse.Json("""{"authorization_model_id":"01HVMMBD123DZ1A0M7VNTSPKK7"}""", 201));
        const string model =
            """{"schema_version":"1.1","type_definitions":[{"type":"user","relations":{},"metadata":null},{"type":"doc","relations":{"viewer":{"computedUserset":{"relation":"owner"}}}}]}""";

        var written = await harness.Client.WriteAuthorizationModelAsync(model);

        Assert.Equal("01HVMMBD123DZ1A0M7VNTSPKK7", written.AuthorizationModelId);
        Assert.Equal(model, harness.Server.Requests.Single().Body);
    }

    [Fact]
    public async Task WriteAuthorizationModel_refuses_text_that_is_not_a_json_object()
    {
        await using var harness = await ClientHarness.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => harness.Client.WriteAuthorizationModelAsync("model schema 1.1"));
        await Assert.ThrowsAsync<ArgumentException>(() => harness.Client.WriteAuthorizationModelAsync("[1,2]"));
        Assert.Empty(harness.Server.Requests);
    }

    [Fact]
    public async Task ReadAuthorizationModel_reads_the_type_definitions_and_accepts_null_metadata_and_conditions()
    {
        await using var harness = await ClientHarness.StartAsync();
        harness.Server.Respond("GET", ClientHarness.StorePath($"/authorization-models/{ClientHarness.ModelId}"), FakeResponse.Json(
            """{"authorization_model":{"id":"01HVMMBD123DZ1A0M7VNTSPKK6","schema_version":"1.1","type_definitions":[{"type":"user","relations":{},"metadata":null}],"conditions":null}}"""));

        var model = (await harness.Client.ReadAuthorizationModelAsync(ClientHarness.ModelId)).AuthorizationModel!;

        Assert.Equal("1.1", model.SchemaVersion);
        var user = Assert.Single(model.TypeDefinitions!);
        Assert.Equal("user", user.Type);
        Assert.Empty(user.Relations!);
        Assert.Null(user.Metadata);
        Assert.Null(model.Conditions);
    }

    [Fact]
    public async Task ReadLatestAuthorizationModel_asks_for_one_model_and_returns_null_for_an_empty_store()
    {
        await using var harness = await ClientHarness.StartAsync();
        harness.Server.Respond("GET", ClientHarness.StorePath("/authorization-models"),
            FakeResponse.Json("""{"authorization_models":[],"continuation_token":""}"""));

        var latest = await harness.Client.ReadLatestAuthorizationModelAsync();

        Assert.Null(latest);
        Assert.Equal("?page_size=1", harness.Server.Requests.Single().Query);
    }
}
