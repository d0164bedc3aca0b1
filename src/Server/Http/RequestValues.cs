using System.Globalization;
using System.Text.RegularExpressions;
using TypedFga.Embedded.Errors;

namespace TypedFga.Server.Http;

/// <summary>
/// Checks of path and query values that OpenFGA's API validates before a request runs: ids are ULIDs, page
/// sizes are integers, times are RFC 3339. Failures are 400 <c>validation_error</c>s worded as OpenFGA words them.
/// </summary>
internal static partial class RequestValues
{
    private const string UlidPattern = "^[ABCDEFGHJKMNPQRSTVWXYZ0-9]{26}$";

    /// <summary>The store id of the path, checked to be a ULID (an unknown but valid id is the engine's 404).</summary>
    public static string StoreId(string? value, string requestName) =>
        Ulid().IsMatch(value ?? "")
            ? value!
            : throw ApiErrors.Validation($"invalid {requestName}.StoreId: value does not match regex pattern \"{UlidPattern}\"");

    /// <summary>An optional authorization model id, checked to be a ULID when given.</summary>
    public static string? ModelId(string? value, string requestName, string field = "AuthorizationModelId") =>
        string.IsNullOrEmpty(value) || Ulid().IsMatch(value)
            ? value
            : throw ApiErrors.Validation($"invalid {requestName}.{field}: value does not match regex pattern \"{UlidPattern}\"");

    /// <summary>Requires the tuple key of a Check, Expand or assertion, as OpenFGA's request validation does.</summary>
    public static void RequireTupleKey(object? tupleKey, string requestName)
    {
        if (tupleKey is null)
        {
            throw new FgaEngineException(FgaErrorCode.TupleKeyValueNotSpecified, $"invalid {requestName}.TupleKey: value is required");
        }
    }

    /// <summary>An optional integer query value such as <c>page_size</c>.</summary>
    public static int? Integer(string? value, string name)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw ApiErrors.Validation($"parsing field \"{name}\": \"{value}\" is not a valid integer");
    }

    /// <summary>An optional RFC 3339 time query value such as <c>start_time</c>.</summary>
    public static DateTimeOffset? Timestamp(string? value, string name)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var result)
            ? result
            : throw new FgaEngineException(FgaErrorCode.InvalidStartTime, $"parsing field \"{name}\": \"{value}\" is not an RFC 3339 time such as 2024-01-31T12:00:00Z");
    }

    [GeneratedRegex(UlidPattern)]
    private static partial Regex Ulid();
}
