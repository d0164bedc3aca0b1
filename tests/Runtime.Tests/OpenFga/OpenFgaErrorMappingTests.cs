using System.Net;
using TypedFga.Backends;
using TypedFga.OpenFga;
using TypedFga.Runtime.Tests.OpenFga.Fakes;
using TypedFga.Wire;

namespace TypedFga.Runtime.Tests.OpenFga;

public sealed class OpenFgaErrorMappingTests
{
    private static readonly CheckRequest AnyCheck = new()
    {
        TupleKey = new TupleKeyWithoutCondition { User = "user:anne", Relation = "viewer", Object = "document:1" },
    };

    [Theory]
    [InlineData(400, "validation_error", typeof(FgaApiValidationException))]
    [InlineData(422, "throttled_timeout_error", typeof(FgaApiValidationException))]
    [InlineData(401, "auth_failed_invalid_bearer_token", typeof(FgaApiAuthenticationException))]
    [InlineData(403, "forbidden", typeof(FgaApiAuthenticationException))]
    [InlineData(404, "store_id_not_found", typeof(FgaApiNotFoundException))]
    [InlineData(409, "Aborted", typeof(FgaApiException))]
    [InlineData(501, "unimplemented", typeof(FgaApiException))]
    public async Task Errors_map_to_the_sdk_exception_type_carry_status_code_and_message_and_are_not_retried(
        int status, string code, Type expected)
    {
        await using var harness = await ClientHarness.StartAsync();
        harness.Server.Respond("POST", ClientHarness.StorePath("/check"), FakeResponse.Error(status, code, $"the server says {code}"));

        var error = await Assert.ThrowsAnyAsync<FgaApiException>(() => harness.Client.CheckAsync(AnyCheck));

        Assert.IsType(expected, error);
        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Equal(code, error.Code);
        Assert.Equal($"the server says {code}", error.ServerMessage);
        Assert.Contains($"{status} {code}", error.Message);
        Assert.Single(harness.Server.Requests);
        Assert.Empty(harness.Retries);
    }

    [Fact]
    public async Task A_proxy_page_instead_of_an_openfga_error_still_gives_a_clear_exception()
    {
        await using var harness = await ClientHarness.StartAsync(o => o.MaxRetry = 0);
        harness.Server.Respond("POST", ClientHarness.StorePath("/check"),
            FakeResponse.Text(502, "<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html"));

        var error = await Assert.ThrowsAsync<FgaApiInternalException>(() => harness.Client.CheckAsync(AnyCheck));

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Equal("http_502", error.Code);
        Assert.Contains($"POST {ClientHarness.StorePath("/check")}", error.ServerMessage);
        Assert.Contains("text/html", error.ServerMessage);
        Assert.Contains("<h1>502 Bad Gateway</h1>", error.ServerMessage);
    }

    [Fact]
    public async Task An_empty_error_body_says_so()
    {
        await using var harness = await ClientHarness.StartAsync();
        harness.Server.Respond("POST", ClientHarness.StorePath("/check"), new FakeResponse(403, null));

        var error = await Assert.ThrowsAsync<FgaApiAuthenticationException>(() => harness.Client.CheckAsync(AnyCheck));

        Assert.Equal("http_403", error.Code);
        Assert.Contains("empty body", error.ServerMessage);
    }

    [Fact]
    public async Task A_numeric_grpc_style_code_is_kept_as_text()
    {
        await using var harness = await ClientHarness.StartAsync();
        harness.Server.Respond("POST", ClientHarness.StorePath("/check"), FakeResponse.Json("""{"code":3,"message":"invalid argument","details":[]}""", 400));

        var error = await Assert.ThrowsAsync<FgaApiValidationException>(() => harness.Client.CheckAsync(AnyCheck));

        Assert.Equal("3", error.Code);
        Assert.Equal("invalid argument", error.ServerMessage);
    }

    [Fact]
    public async Task A_success_answer_that_is_not_json_gives_an_api_exception()
    {
        await using var harness = await ClientHarness.StartAsync();
        harness.Server.Respond("POST", ClientHarness.StorePath("/check"), FakeResponse.Text(200, "OK", "text/plain"));

        var error = await Assert.ThrowsAsync<FgaApiException>(() => harness.Client.CheckAsync(AnyCheck));

        Assert.Equal("invalid_response_body", error.Code);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
    }

    [Theory]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(409, true)]
    [InlineData(501, false)]
    [InlineData(400, false)]
    [InlineData(404, false)]
    public void Mapped_exceptions_agree_with_the_backend_transience_rule(int status, bool transient)
    {
        var error = OpenFgaErrorMapper.Create((HttpStatusCode)status, "code", "message");

        Assert.Equal(transient, error.IsTransient);
    }
}
