using System.Net;
using TypedFga.OpenFga;
using TypedFga.Runtime.Tests.OpenFga.Fakes;
using TypedFga.Wire;

namespace TypedFga.Runtime.Tests.OpenFga;

public sealed class OpenFgaCredentialsTests
{
    private static readonly CheckRequest AnyCheck = new()
    {
        TupleKey = new TupleKeyWithoutCondition { User = "user:anne", Relation = "viewer", Object = "document:1" },
    };

    private static readonly string CheckPath = ClientHarness.StorePath("/check");

    [Fact]
    public async Task No_credentials_send_no_authorization_header()
    {
        await using var harness = await ClientHarness.StartAsync();
        harness.Server.Respond("POST", CheckPath, FakeResponse.Json("""{"allowed":true}"""));

        await harness.Client.CheckAsync(AnyCheck);

        Assert.Null(harness.Server.Requests.Single().Header("Authorization"));
    }

    [Fact]
    public async Task An_api_token_is_sent_as_bearer_on_every_attempt()
    {
        await using var harness = await ClientHarness.StartAsync(o =>
        {
            o.Credentials.Method = OpenFgaCredentialsMethod.ApiToken;
            o.Credentials.ApiToken = "secret-key";
        });
        harness.Server.Respond("POST", CheckPath, FakeResponse.Json("""{"allowed":true}"""));
        harness.Server.FailNext("POST", CheckPath, FakeResponse.Error(500, "internal_error", "retry me"));

        await harness.Client.CheckAsync(AnyCheck);

        Assert.All(harness.Server.Requests, r => Assert.Equal("Bearer secret-key", r.Header("Authorization")));
        Assert.Equal(2, harness.Server.Requests.Count);
    }

    [Fact]
    public async Task Client_credentials_fetch_one_token_from_oauth_token_and_reuse_it()
    {
        await using var harness = await StartWithIssuerAsync(expiresIn: 3600);

        await harness.Client.CheckAsync(AnyCheck);
        await harness.Client.CheckAsync(AnyCheck);

        var tokenRequest = Assert.Single(harness.Server.RequestsTo("POST", "/oauth/token"));
        Assert.StartsWith("application/x-www-form-urlencoded", tokenRequest.Header("Content-Type"));
        Assert.Equal(
            "grant_type=client_credentials&client_id=my-client&client_secret=my+secret&audience=https%3A%2F%2Fapi.fga.example%2F&scope=read+write",
            tokenRequest.Body);
        Assert.All(harness.Server.RequestsTo("POST", CheckPath), r => Assert.Equal("Bearer token-1", r.Header("Authorization")));
    }

    [Fact]
    public async Task The_token_is_refreshed_within_300_s_plus_jitter_of_its_expiry()
    {
        await using var harness = await StartWithIssuerAsync(expiresIn: 3600);
        await harness.Client.CheckAsync(AnyCheck);

        // The refresh point lies between 3000 s (300 s buffer + 300 s jitter) and 3300 s after issue.
        harness.Clock.Advance(TimeSpan.FromSeconds(2990));
        await harness.Client.CheckAsync(AnyCheck);
        Assert.Single(harness.Server.RequestsTo("POST", "/oauth/token"));

        harness.Clock.Advance(TimeSpan.FromSeconds(320));
        await harness.Client.CheckAsync(AnyCheck);

        Assert.Equal(2, harness.Server.RequestsTo("POST", "/oauth/token").Count);
        Assert.Equal(["Bearer token-1", "Bearer token-1", "Bearer token-2"],
            harness.Server.RequestsTo("POST", CheckPath).Select(r => r.Header("Authorization")));
    }

    [Fact]
    public async Task Concurrent_callers_share_one_token_request()
    {
        var tokenRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var harness = await StartWithIssuerAsync(expiresIn: 3600);
        harness.Server.RespondAsync("POST", "/oauth/token", async _ =>
        {
            tokenRequested.TrySetResult();
            await release.Task;
            return FakeResponse.Json("""{"access_token":"shared","expires_in":3600,"token_type":"Bearer"}""");
        });

        var calls = Enumerable.Range(0, 20).Select(_ => harness.Client.CheckAsync(AnyCheck)).ToArray();
        await tokenRequested.Task;
        await Task.Delay(50);
        release.SetResult();
        await Task.WhenAll(calls);

        Assert.Single(harness.Server.RequestsTo("POST", "/oauth/token"));
        Assert.Equal(20, harness.Server.RequestsTo("POST", CheckPath).Count(r => r.Header("Authorization") == "Bearer shared"));
    }

    [Fact]
    public async Task A_refused_token_request_is_an_authentication_error_and_the_api_is_not_called()
    {
        await using var harness = await StartWithIssuerAsync(expiresIn: 3600);
        harness.Server.Respond("POST", "/oauth/token", FakeResponse.Json("""{"error":"invalid_client"}""", 401));

        var error = await Assert.ThrowsAsync<FgaApiAuthenticationException>(() => harness.Client.CheckAsync(AnyCheck));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("token_request_failed", error.Code);
        Assert.Contains("invalid_client", error.ServerMessage);
        Assert.Empty(harness.Server.RequestsTo("POST", CheckPath));
    }

    [Fact]
    public async Task A_token_answer_without_access_token_is_an_authentication_error()
    {
        await using var harness = await StartWithIssuerAsync(expiresIn: 3600);
        harness.Server.Respond("POST", "/oauth/token", FakeResponse.Json("""{"access_token":null,"expires_in":null}"""));

        var error = await Assert.ThrowsAsync<FgaApiAuthenticationException>(() => harness.Client.CheckAsync(AnyCheck));

        Assert.Equal("invalid_token_response", error.Code);
    }

    [Theory]
    [InlineData("issuer.fga.example", "https://issuer.fga.example/oauth/token")]
    [InlineData("https://issuer.fga.example", "https://issuer.fga.example/oauth/token")]
    [InlineData("http://127.0.0.1:9000/", "http://127.0.0.1:9000/oauth/token")]
    [InlineData("https://issuer.fga.example/custom/token", "https://issuer.fga.example/custom/token")]
    public void The_token_endpoint_gets_oauth_token_only_when_the_issuer_has_no_path(string issuer, string expected)
    {
        Assert.Equal(new Uri(expected), TokenEndpoint.TryResolve(issuer));
    }

    [Fact]
    public void A_token_issuer_that_is_not_a_url_is_rejected()
    {
        Assert.Null(TokenEndpoint.TryResolve("ftp://issuer"));
        Assert.Null(TokenEndpoint.TryResolve("not a host"));
    }

    private static async Task<ClientHarness> StartWithIssuerAsync(long expiresIn)
    {
        var issued = 0;
        var harness = await ClientHarness.StartAsync(o =>
        {
            o.Credentials.Method = OpenFgaCredentialsMethod.ClientCredentials;
            // The fake server plays the issuer as well; no path, so /oauth/token is appended.
            o.Credentials.ApiTokenIssuer = o.ApiUrl!.GetLeftPart(UriPartial.Authority);
            o.Credentials.ClientId = "my-client";
            o.Credentials.ClientSecret = "my secret";
            o.Credentials.ApiAudience = "https://api.fga.example/";
            o.Credentials.Scopes = "read write";
        });
        harness.Server.Respond("POST", "/oauth/token", _ => FakeResponse.Json(
            $$"""{"access_token":"token-{{Interlocked.Increment(ref issued)}}","expires_in":{{expiresIn}},"token_type":"Bearer"}"""));
        harness.Server.Respond("POST", CheckPath, FakeResponse.Json("""{"allowed":true}"""));
        return harness;
    }
}
