using System.Net;
using TypedFga.Backends;

namespace TypedFga.OpenFga;

/// <summary>401 or 403: the credentials are missing, invalid or not allowed, or a token could not be obtained.</summary>
public sealed class FgaApiAuthenticationException : FgaApiException
{
    /// <summary>Creates the exception from the parts of the error answer.</summary>
    public FgaApiAuthenticationException(HttpStatusCode statusCode, string code, string message, Exception? innerException = null)
        : base(statusCode, code, message, innerException)
    {
    }
}

/// <summary>400 or 422: the request is invalid for this server, store or model; sending it again will not help.</summary>
public sealed class FgaApiValidationException : FgaApiException
{
    /// <summary>Creates the exception from the parts of the error answer.</summary>
    public FgaApiValidationException(HttpStatusCode statusCode, string code, string message, Exception? innerException = null)
        : base(statusCode, code, message, innerException)
    {
    }
}

/// <summary>404: the store, model or endpoint does not exist.</summary>
public sealed class FgaApiNotFoundException : FgaApiException
{
    /// <summary>Creates the exception from the parts of the error answer.</summary>
    public FgaApiNotFoundException(HttpStatusCode statusCode, string code, string message, Exception? innerException = null)
        : base(statusCode, code, message, innerException)
    {
    }
}

/// <summary>429: the server throttled the client, and retries did not get through.</summary>
public sealed class FgaApiRateLimitException : FgaApiException
{
    /// <summary>Creates the exception from the parts of the error answer.</summary>
    public FgaApiRateLimitException(
        HttpStatusCode statusCode, string code, string message, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(statusCode, code, message, innerException)
    {
        RetryAfter = retryAfter;
    }

    /// <summary>The wait the server asked for in its <c>Retry-After</c> header, if it sent one.</summary>
    public TimeSpan? RetryAfter { get; }
}

/// <summary>5xx other than 501: the server failed, and retries did not get through.</summary>
public sealed class FgaApiInternalException : FgaApiException
{
    /// <summary>Creates the exception from the parts of the error answer.</summary>
    public FgaApiInternalException(HttpStatusCode statusCode, string code, string message, Exception? innerException = null)
        : base(statusCode, code, message, innerException)
    {
    }
}
