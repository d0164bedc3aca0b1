using System.Buffers.Text;
using System.Text;
using TypedFga.Embedded.Errors;

namespace TypedFga.Embedded;

/// <summary>Opaque paging tokens: a position encoded as base64url text.</summary>
internal static class ContinuationToken
{
    public static string Encode(string position) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(position));

    public static string? Decode(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
            throw new FgaEngineException(FgaErrorCode.InvalidContinuationToken, "Invalid continuation token");
        }
    }

    public static long DecodeSequence(string? token)
    {
        var text = Decode(token);
        if (text is null)
        {
            return 0;
        }

        return long.TryParse(text, out var value) && value >= 0
            ? value
            : throw new FgaEngineException(FgaErrorCode.InvalidContinuationToken, "Invalid continuation token");
    }
}
