using System.Net;

namespace TypedFga.Backends;

/// <summary>OpenFGA answered a request with an error body <c>{code, message}</c>.</summary>
public class FgaApiException : Exception
{
    /// <summary>Creates the exception from the parts of OpenFGA's error answer.</summary>
    public FgaApiException(HttpStatusCode statusCode, string code, string message, Exception? innerException = null)
        : base($"OpenFGA returned {(int)statusCode} {code}: {message}", innerException)
    {
        StatusCode = statusCode;
        Code = code;
        ServerMessage = message;
    }

    /// <summary>The HTTP status (400, 404, 409, 422, 429, 5xx ...).</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>OpenFGA's error code name, for example <c>validation_error</c> or <c>write_failed_due_to_invalid_input</c>.</summary>
    public string Code { get; }

    /// <summary>The server's message, as sent.</summary>
    public string ServerMessage { get; }

    /// <summary>
    /// True for failures that may succeed later unchanged: 429, 5xx except 501, and 409 (a concurrent
    /// write conflict). Validation errors (400, 404, 422 other than throttling) are permanent.
    /// </summary>
    public bool IsTransient =>
        StatusCode == HttpStatusCode.TooManyRequests
        || StatusCode == HttpStatusCode.Conflict
        || ((int)StatusCode >= 500 && StatusCode != HttpStatusCode.NotImplemented)
        || (StatusCode == HttpStatusCode.UnprocessableEntity && Code.Contains("throttl", StringComparison.OrdinalIgnoreCase));
}
