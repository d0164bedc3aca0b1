using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace TypedFga.AspNetCore;

/// <summary>
/// The endpoints' own JSON settings: the status page and scripts read these field names, whatever naming policy the
/// application sets for its other endpoints.
/// </summary>
internal static class OperationsJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static IResult Ok<T>(T value) => Results.Json(value, Options);
}
