using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using TypedFga.Backends;
using TypedFga.Wire;

namespace TypedFga.OpenFga;

/// <summary>
/// Turns an unsuccessful answer into the exception type the OpenFGA SDKs use for its status. The body
/// is read as OpenFGA's <c>{code, message}</c>; anything else (a proxy's HTML page, an empty body) still
/// gives an exception that names the status, the request and the start of what came back.
/// </summary>
internal static class OpenFgaErrorMapper
{
    private const int MaxQuotedBodyLength = 300;

    public static async Task<FgaApiException> ToExceptionAsync(HttpResponseMessage response, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var (code, message) = Parse(text) ?? Describe(response, text);
        return Create(response.StatusCode, code, message, RetryAfterParser.Read(response.Headers.RetryAfter, timeProvider));
    }

    public static FgaApiException Create(HttpStatusCode status, string code, string message, TimeSpan? retryAfter = null) => (int)status switch
    {
        401 or 403 => new FgaApiAuthenticationException(status, code, message),
        400 or 422 => new FgaApiValidationException(status, code, message),
        404 => new FgaApiNotFoundException(status, code, message),
        429 => new FgaApiRateLimitException(status, code, message, retryAfter),
        >= 500 and not 501 => new FgaApiInternalException(status, code, message),
        _ => new FgaApiException(status, code, message),
    };

    private static (string Code, string Message)? Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            var body = JsonSerializer.Deserialize(text, FgaApiJsonContext.Default.ErrorBody);
            if (body is null || (body.Code is null && body.Message is null))
            {
                return null;
            }

            return (string.IsNullOrEmpty(body.Code) ? "unknown" : body.Code, body.Message ?? string.Empty);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static (string Code, string Message) Describe(HttpResponseMessage response, string text)
    {
        var request = response.RequestMessage is { } sent ? $"{sent.Method} {sent.RequestUri?.AbsolutePath}" : "the request";
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "no content type";
        var excerpt = text.Length > MaxQuotedBodyLength ? text[..MaxQuotedBodyLength] + "..." : text;
        var message = string.IsNullOrWhiteSpace(text)
            ? $"{request} failed with {(int)response.StatusCode} {response.ReasonPhrase} and an empty body"
            : $"{request} failed with {(int)response.StatusCode} {response.ReasonPhrase} and a body that is not an OpenFGA error ({mediaType}): {excerpt.Trim()}";
        return ($"http_{(int)response.StatusCode}", message);
    }
}
