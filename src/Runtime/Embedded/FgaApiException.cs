using System.Text;

namespace TypedFga.Embedded;

/// <summary>
/// An error answered the way OpenFGA answers it: a numeric <see cref="Code"/>, its wire name
/// (<see cref="CodeName"/>, e.g. <c>validation_error</c>) and the HTTP status an HTTP layer should return.
/// </summary>
public sealed class FgaApiException : Exception
{
    /// <summary>Creates the error.</summary>
    public FgaApiException(FgaErrorCode code, string message)
        : base(message)
    {
        Code = code;
        CodeName = ToSnakeCase(code.ToString());
        HttpStatus = StatusOf((int)code);
    }

    private FgaApiException(string codeName, int httpStatus, string message)
        : base(message)
    {
        Code = FgaErrorCode.InternalError;
        CodeName = codeName;
        HttpStatus = httpStatus;
    }

    /// <summary>OpenFGA's numeric error code.</summary>
    public FgaErrorCode Code { get; }

    /// <summary>The code as OpenFGA writes it in an error body, for example <c>validation_error</c> or <c>Aborted</c>.</summary>
    public string CodeName { get; }

    /// <summary>The HTTP status OpenFGA answers with: 400, 404, 409, 422 or 500.</summary>
    public int HttpStatus { get; }

    /// <summary>
    /// A transactional write conflict (gRPC <c>Aborted</c>, HTTP 409), such as writing an existing tuple
    /// with a different condition while <c>on_duplicate</c> is <c>ignore</c>.
    /// </summary>
    public static FgaApiException Conflict(string message) => new("Aborted", 409, message);

    internal static FgaApiException Validation(string message) => new(FgaErrorCode.ValidationError, message);

    private static int StatusOf(int code) => code switch
    {
        >= 1000 and < 2000 => 401,
        >= 2000 and < 3500 => 400,
        >= 3500 and < 4000 => 422,
        >= 4000 and < 5000 => 500,
        _ => 404,
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
