namespace TypedFga.Server.Http;

/// <summary>
/// Gives routing failures OpenFGA's bodies: an unknown path is 404 <c>undefined_endpoint</c>, a known path with
/// the wrong method is 404 <c>unimplemented</c> (OpenFGA's gateway maps a 405 to gRPC Unimplemented, code 5004).
/// </summary>
internal static class RoutingErrors
{
    public static Task WriteAsync(HttpContext context) => context.Response.StatusCode switch
    {
        StatusCodes.Status404NotFound => ApiErrors.WriteAsync(context, StatusCodes.Status404NotFound, "undefined_endpoint", ApiErrors.NotFoundMessage),
        StatusCodes.Status405MethodNotAllowed => ApiErrors.WriteAsync(context, StatusCodes.Status404NotFound, "unimplemented", "Method Not Allowed"),
        _ => Task.CompletedTask,
    };
}
