using TypedFga.Server.Tests.Infrastructure;

namespace TypedFga.Server.Tests.Api;

/// <summary>Preshared-key authentication: OpenFGA's 401 codes for a missing or wrong bearer token.</summary>
public sealed class AuthenticationTests(PresharedServerFixture server) : IClassFixture<PresharedServerFixture>
{
    [Fact]
    public async Task Missing_token_is_bearer_token_missing()
    {
        var answer = await server.GetAsync("stores");

        Assert.Equal(401, answer.Status);
        Assert.Equal("bearer_token_missing", answer.Code);
        Assert.Equal("missing bearer token", answer.Message);
    }

    [Fact]
    public async Task Wrong_token_is_unauthenticated()
    {
        var answer = await server.GetAsync("stores", bearer: "not-a-configured-key");

        Assert.Equal(401, answer.Status);
        Assert.Equal("unauthenticated", answer.Code);
    }

    [Fact]
    public async Task A_scheme_other_than_bearer_is_refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "stores");
        request.Headers.TryAddWithoutValidation("Authorization", "Basic " + PresharedServerFixture.FirstKey);
        using var response = await server.Http.SendAsync(request);

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Contains("bearer_token_missing", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PresharedServerFixture.FirstKey)]
    [InlineData(PresharedServerFixture.SecondKey)]
    public async Task Every_configured_key_is_accepted(string key)
    {
        var created = await server.PostAsync("stores", """{"name":"authenticated"}""", bearer: key);
        var listed = await server.GetAsync("stores", bearer: key);

        Assert.Equal(201, created.Status);
        Assert.Equal(200, listed.Status);
    }

    [Fact]
    public async Task Writes_are_refused_without_a_key_and_change_nothing()
    {
        var (store, _) = await server.CreateStoreWithModelAsync(Models.Documents, bearer: PresharedServerFixture.FirstKey);
        var refused = await server.PostAsync($"stores/{store}/write", """{"writes":{"tuple_keys":[{"user":"user:mallory","relation":"owner","object":"document:1"}]}}""");
        var read = await server.PostAsync($"stores/{store}/read", "{}", bearer: PresharedServerFixture.FirstKey);

        Assert.Equal(401, refused.Status);
        Assert.Empty(read.Json!["tuples"]!.AsArray());
    }

    [Fact]
    public async Task The_runtime_http_client_authenticates_with_an_api_token()
    {
        using var client = OpenFga.OpenFgaHttpClient.Create(new OpenFga.OpenFgaClientOptions
        {
            ApiUrl = server.BaseAddress,
            Credentials = new OpenFga.OpenFgaCredentials { Method = OpenFga.OpenFgaCredentialsMethod.ApiToken, ApiToken = PresharedServerFixture.FirstKey },
        });
        using var anonymous = OpenFga.OpenFgaHttpClient.Create(new OpenFga.OpenFgaClientOptions { ApiUrl = server.BaseAddress });

        var store = await client.CreateStoreAsync("token-store");
        var refused = await Assert.ThrowsAsync<OpenFga.FgaApiAuthenticationException>(() => anonymous.GetStoreAsync(store.Id));

        Assert.Equal("token-store", (await client.GetStoreAsync(store.Id)).Name);
        Assert.Equal("bearer_token_missing", refused.Code);
    }

    [Fact]
    public async Task Health_check_and_unknown_routes_need_no_key()
    {
        var health = await server.GetAsync("healthz");
        var unknown = await server.GetAsync("no/such/route");

        Assert.Equal(200, health.Status);
        Assert.Equal("SERVING", health.Json!["status"]!.GetValue<string>());
        Assert.Equal(404, unknown.Status);
        Assert.Equal("undefined_endpoint", unknown.Code);
    }
}
