using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace TypedFga.AspNetCore;

/// <summary>Reads <c>offset</c> and <c>limit</c> from the query, with a clear 400 for values out of range.</summary>
internal readonly record struct Paging(int Offset, int Limit)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1_000;

    // The outbox lists from its oldest operation, so a page costs its offset in rows read; deeper listings are
    // the command line's job (typedfga pending).
    public const int MaxWindow = 10_000;

    /// <summary>The page, or a ProblemDetails result saying what is wrong.</summary>
    public static (Paging Paging, IResult? Problem) Parse(string? offset, string? limit)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var parsedOffset = Read(offset, 0, "offset", 0, MaxWindow - 1, errors);
        var parsedLimit = Read(limit, DefaultLimit, "limit", 1, MaxLimit, errors);
        if (errors.Count == 0 && parsedOffset + parsedLimit > MaxWindow)
        {
            errors["offset"] = [$"offset + limit must be at most {MaxWindow}; list deeper with the typedfga command line."];
        }

        return errors.Count == 0
            ? (new Paging(parsedOffset, parsedLimit), null)
            : (default, Results.ValidationProblem(errors, title: "Invalid paging"));
    }

    private static int Read(string? text, int fallback, string name, int min, int max, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            errors[name] = [$"{name} must be a whole number from {min} to {max} (got '{text}')."];
            return fallback;
        }

        return value;
    }
}
