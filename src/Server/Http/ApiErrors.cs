using System.Text.Json;
using TypedFga.Embedded;

namespace TypedFga.Server.Http;

/// <summary>Writes errors the way OpenFGA's gateway does: a status and a <c>{code, message}</c> body.</summary>
internal static class ApiErrors
{
    /// <summary>The message of an unknown route, as OpenFGA writes it.</summary>
    public const string NotFoundMessage = "Not Found";

    /// <summary>Writes an error body with the given status and code name.</summary>
    public static async Task WriteAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, new ErrorBody(code, message), ApiJson.Server.ErrorBody, context.RequestAborted);
    }

    /// <summary>Writes an engine error with its own status and code name.</summary>
    public static Task WriteAsync(HttpContext context, FgaApiException error) =>
        WriteAsync(context, error.HttpStatus, error.CodeName, error.Message);

    /// <summary>A 400 <c>validation_error</c>.</summary>
    public static FgaApiException Validation(string message) => new(FgaErrorCode.ValidationError, message);
}
