using TypedFga.Backends;

namespace TypedFga.Server.Http;

/// <summary>
/// Turns failures into OpenFGA's error bodies: engine errors keep their code and status, a rejected request
/// (too large, cut short) is a 400 <c>validation_error</c>, and only a fault of the server itself is a 500
/// <c>internal_error</c>, logged with its details while the caller sees a generic message.
/// </summary>
internal sealed partial class ApiExceptionMiddleware(RequestDelegate next, ILogger<ApiExceptionMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (FgaApiException e) when (!context.Response.HasStarted)
        {
            await ApiErrors.WriteAsync(context, e);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            await ApiErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "validation_error", e.Message);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; there is no one to answer.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            LogUnexpected(logger, e, context.Request.Method, context.Request.Path);
            await ApiErrors.WriteAsync(context, StatusCodes.Status500InternalServerError, "internal_error", "Internal Server Error");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure serving {Method} {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, string path);
}
