using System.Text.Json;
using TypedFga.Backends;
using TypedFga.Embedded.Errors;
using TypedFga.Wire;

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
        await JsonSerializer.SerializeAsync(context.Response.Body, new ErrorBody { Code = code, Message = message }, ApiJson.Contracts.ErrorBody, context.RequestAborted);
    }

    /// <summary>
    /// Writes an OpenFGA error with its own status and code name. The body carries the server message alone,
    /// not the exception's <see cref="Exception.Message"/>, which also names the status and code.
    /// </summary>
    public static Task WriteAsync(HttpContext context, FgaApiException error) =>
        WriteAsync(context, (int)error.StatusCode, error.Code, error.ServerMessage);

    /// <summary>A 400 <c>validation_error</c>.</summary>
    public static FgaEngineException Validation(string message) => new(FgaErrorCode.ValidationError, message);
}
