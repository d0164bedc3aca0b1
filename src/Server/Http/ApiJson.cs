using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using TypedFga.Wire;

namespace TypedFga.Server.Http;

/// <summary>
/// The JSON settings of answers: OpenFGA's source-generated contracts (snake_case, OpenFGA's camelCase
/// exceptions) with timestamps written as RFC 3339 UTC (<c>2021-10-06T15:32:11.128Z</c>), as OpenFGA writes them.
/// Request bodies are read with <see cref="RequestJson"/>.
/// </summary>
internal static class ApiJson
{
    /// <summary>Metadata for OpenFGA's answers, errors and assertions.</summary>
    /// <remarks>
    /// Relaxed escaping writes quotes in messages as <c>\"</c> rather than <c>\u0022</c>; the bodies are JSON
    /// for API clients, never embedded in HTML.
    /// </remarks>
    public static FgaApiJsonContext Contracts { get; } = new(new JsonSerializerOptions(FgaApiJsonContext.Default.Options)
    {
        Converters = { new UtcTimestampConverter() },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>Metadata for the server's own body, the health check's, escaped alike.</summary>
    public static ServerJsonContext Server { get; } = new(new JsonSerializerOptions(ServerJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>Formats a timestamp as OpenFGA does: UTC, milliseconds only when there are any.</summary>
    public static string FormatTimestamp(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        var format = utc.Millisecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
        return utc.ToString(format, CultureInfo.InvariantCulture);
    }

    private sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetDateTimeOffset();

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(FormatTimestamp(value));
    }
}
