using System.Net;
using System.Text;
using TypedFga.Backends;

namespace TypedFga.Embedded.Errors;

// In a namespace of its own, below the engine's layers that throw it (type system, conditions, storage, validation,
// checking), so that none of them depends on the facade in TypedFga.Embedded.
/// <summary>
/// An error of the embedded engine, answered the way OpenFGA answers it. It is an <see cref="FgaApiException"/>
/// with the status, code name and message an OpenFGA server would send, so one
/// <c>catch (FgaApiException)</c> handles the engine, the embedded server and a remote OpenFGA alike;
/// <see cref="ErrorCode"/> adds OpenFGA's numeric code.
/// </summary>
public sealed class FgaEngineException : FgaApiException
{
    /// <summary>Creates the error; the status and the code name follow from <paramref name="errorCode"/>.</summary>
    public FgaEngineException(FgaErrorCode errorCode, string message)
        : this(errorCode, StatusOf(errorCode), ToSnakeCase(errorCode.ToString()), message)
    {
    }

    private FgaEngineException(FgaErrorCode errorCode, HttpStatusCode statusCode, string code, string message)
        : base(statusCode, code, message)
    {
        ErrorCode = errorCode;
    }

    /// <summary>
    /// OpenFGA's numeric error code. The wire name is <see cref="FgaApiException.Code"/>
    /// (for example <c>validation_error</c>); the HTTP status is <see cref="FgaApiException.StatusCode"/>.
    /// </summary>
    public FgaErrorCode ErrorCode { get; }

    /// <summary>
    /// A transactional write conflict (gRPC <c>Aborted</c>, HTTP 409), such as writing an existing tuple
    /// with a different condition while <c>on_duplicate</c> is <c>ignore</c>.
    /// </summary>
    /// <remarks>OpenFGA answers it outside its numbered codes, so <see cref="ErrorCode"/> is <see cref="FgaErrorCode.InternalError"/>.</remarks>
    public static FgaEngineException Conflict(string message) =>
        new(FgaErrorCode.InternalError, HttpStatusCode.Conflict, "Aborted", message);

    internal static FgaEngineException Validation(string message) => new(FgaErrorCode.ValidationError, message);

    // OpenFGA derives the status from the code's range.
    private static HttpStatusCode StatusOf(FgaErrorCode code) => (int)code switch
    {
        >= 1000 and < 2000 => HttpStatusCode.Unauthorized,
        >= 2000 and < 3500 => HttpStatusCode.BadRequest,
        >= 3500 and < 4000 => HttpStatusCode.UnprocessableEntity,
        >= 4000 and < 5000 => HttpStatusCode.InternalServerError,
        _ => HttpStatusCode.NotFound,
    };

    private static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
