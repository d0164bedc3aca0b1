using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace WebSample.Operations;

/// <summary>
/// Signs in callers whose <c>X-Api-Key</c> header matches the configuration's <c>Sample:OperatorApiKey</c>. With no
/// key configured nobody signs in, so the operations endpoints stay closed.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IConfiguration configuration)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string KeySetting = "Sample:OperatorApiKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var expected = configuration[KeySetting];
        if (string.IsNullOrEmpty(expected) || !Request.Headers.TryGetValue(HeaderName, out var sent))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        // Compared in constant time, so the answer's timing does not tell how much of a guess was right.
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent.ToString()), Encoding.UTF8.GetBytes(expected)))
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key is not the operators' key."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "operator")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = SchemeName;
        return WriteProblemAsync(StatusCodes.Status401Unauthorized, $"Send the operators' API key in the {HeaderName} header.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "This caller may not operate write-behind.");

    private Task WriteProblemAsync(int status, string detail)
    {
        Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = status == 401 ? "Unauthorized" : "Forbidden", Detail = detail };
        return Response.WriteAsJsonAsync(problem, options: null, contentType: "application/problem+json");
    }
}
