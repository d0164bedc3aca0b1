using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TypedFga.Backends;
using TypedFga.OpenFga;
using TypedFga.Runtime.Tests.OpenFga.Fakes;
using TypedFga.Wire;

namespace TypedFga.Runtime.Tests.OpenFga;

public sealed class OpenFgaServiceCollectionTests
{
    private static readonly CheckRequest AnyCheck = new()
    {
        TupleKey = new TupleKeyWithoutCondition { User = "user:anne", Relation = "viewer", Object = "document:1" },
    };

    [Fact]
    public async Task The_registered_client_retries_authenticates_and_reaches_the_configured_server()
    {
        await using var server = await FakeOpenFgaServer.StartAsync();
        var checkPath = $"/stores/{ClientHarness.StoreId}/check";
        server.Respond("POST", checkPath, FakeResponse.Json("""{"allowed":true}"""));
        server.FailNext("POST", checkPath, FakeResponse.Error(503, "unavailable", "warming up"));
        var services = new ServiceCollection();
        services.AddOpenFgaHttpClient(o =>
        {
            o.ApiUrl = server.BaseAddress;
            o.StoreId = ClientHarness.StoreId;
            o.AuthorizationModelId = ClientHarness.ModelId;
            o.MinWaitInMs = 1;
            o.Credentials.Method = OpenFgaCredentialsMethod.ApiToken;
            o.Credentials.ApiToken = "di-token";
        });
        await using var provider = services.BuildServiceProvider();

        var answer = await provider.GetRequiredService<OpenFgaHttpClient>().CheckAsync(AnyCheck);

        Assert.True(answer.Allowed);
        Assert.Equal(2, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal("Bearer di-token", r.Header("Authorization")));
        Assert.All(server.Requests, r => Assert.StartsWith("typedfga-dotnet/", r.Header("User-Agent")));
        Assert.All(server.Requests, r => Assert.Equal(ClientHarness.ModelId, r.Json.GetProperty("authorization_model_id").GetString()));
    }

    [Fact]
    public async Task Client_credentials_through_dependency_injection_share_one_token()
    {
        await using var server = await FakeOpenFgaServer.StartAsync();
        var checkPath = $"/stores/{ClientHarness.StoreId}/check";
        server.Respond("POST", checkPath, FakeResponse.Json("""{"allowed":true}"""));
        server.Respond("POST", "/oauth/token", FakeResponse.Json("""{"access_token":"di-oauth","expires_in":"3600"}"""));
        var services = new ServiceCollection();
        services.AddOpenFgaHttpClient(o =>
        {
            o.ApiUrl = server.BaseAddress;
            o.StoreId = ClientHarness.StoreId;
            o.Credentials.Method = OpenFgaCredentialsMethod.ClientCredentials;
            o.Credentials.ApiTokenIssuer = server.BaseAddress.ToString();
            o.Credentials.ClientId = "id";
            o.Credentials.ClientSecret = "secret";
        });
        await using var provider = services.BuildServiceProvider();

        // Separate typed-client instances, one token cache.
        await provider.GetRequiredService<OpenFgaHttpClient>().CheckAsync(AnyCheck);
        await provider.GetRequiredService<OpenFgaHttpClient>().CheckAsync(AnyCheck);

        Assert.Single(server.RequestsTo("POST", "/oauth/token"));
        Assert.All(server.RequestsTo("POST", checkPath), r => Assert.Equal("Bearer di-oauth", r.Header("Authorization")));
    }

    [Fact]
    public async Task The_backend_is_registered_as_a_singleton()
    {
        var services = new ServiceCollection();
        services.AddOpenFgaHttpClient(o => o.StoreId = ClientHarness.StoreId);
        await using var provider = services.BuildServiceProvider();

        var backend = provider.GetRequiredService<OpenFgaBackend>();

        Assert.Same(backend, provider.GetRequiredService<OpenFgaBackend>());
        Assert.IsAssignableFrom<IFgaBackend>(backend);
    }

    [Fact]
    public async Task Options_bound_from_configuration_are_validated_with_the_section_path()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Fga:ApiUrl"] = "http://127.0.0.1:1",
            ["Fga:MaxRetry"] = "99",
            ["Fga:Credentials:Method"] = "ClientCredentials",
            ["Fga:Credentials:ApiTokenIssuer"] = "issuer.example",
            ["Fga:Credentials:ClientId"] = "id",
        }).Build();
        var services = new ServiceCollection();
        services.AddOpenFgaHttpClient(configuration.GetSection("Fga"));
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<OpenFgaClientOptions>>().Value);

        Assert.Equal(
            ["Fga:MaxRetry must be between 0 and 15 (was 99).",
             "Fga:Credentials:ClientSecret is required when Fga:Credentials:Method is ClientCredentials."],
            error.Failures);
    }
}
