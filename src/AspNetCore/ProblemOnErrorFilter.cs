using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace TypedFga.AspNetCore;

/// <summary>Answers an exception thrown by an operations endpoint (the outbox unreadable, OpenFGA down) as ProblemDetails.</summary>
internal sealed partial class ProblemOnErrorFilter(ILogger<ProblemOnErrorFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (Exception exception) when (!context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            var path = context.HttpContext.Request.Path.Value ?? "";
            EndpointFailed(logger, path, exception);
            return Results.Problem(
                statusCode: StatusCodes.Status500InternalServerError,
                title: "The write-behind operation failed",
                detail: $"{exception.GetType().Name}: {exception.Message}");
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Error, Message = "The write-behind endpoint {Path} failed.")]
    private static partial void EndpointFailed(ILogger logger, string path, Exception exception);
}
