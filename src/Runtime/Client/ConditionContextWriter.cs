using System.Collections;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TypedFga;

/// <summary>
/// Writes condition contexts (a check's request context and a tuple condition's stored context) as the JSON
/// OpenFGA expects, from loosely typed CLR values. One writer for every path a context takes (the outbox, the HTTP
/// client, the embedded engine), so a value is accepted or refused, and formatted, the same way everywhere.
/// </summary>
/// <remarks>
/// Timestamps become RFC 3339 UTC text and durations protobuf's <c>"90s"</c> form, both of which OpenFGA parses.
/// A <see cref="DateTime"/> of unspecified kind is refused: it names no instant.
/// </remarks>
internal static class ConditionContextWriter
{
    /// <summary>Writes <paramref name="context"/> as a JSON object.</summary>
    /// <exception cref="ArgumentException">A value cannot be sent to OpenFGA.</exception>
    public static void Write(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, object?>> context, string parameterName)
    {
        writer.WriteStartObject();
        foreach (var (key, value) in context)
        {
            writer.WritePropertyName(key);
            WriteValue(writer, value, parameterName, key);
        }

        writer.WriteEndObject();
    }

    /// <summary>The context as a <see cref="JsonObject"/>, or null for a null context.</summary>
    public static JsonObject? ToJsonObject(IReadOnlyDictionary<string, object?>? context, string parameterName)
    {
        if (context is null)
        {
            return null;
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, context, parameterName);
        }

        return JsonNode.Parse(buffer.WrittenSpan)!.AsObject();
    }

    /// <summary>Formats a duration the way protobuf's JSON mapping does: seconds with an <c>s</c> suffix.</summary>
    public static string FormatDuration(TimeSpan value) =>
        (value.Ticks / (decimal)TimeSpan.TicksPerSecond).ToString("0.#######", CultureInfo.InvariantCulture) + "s";

    /// <summary>Formats an instant as an RFC 3339 UTC timestamp, with fractional seconds only when present.</summary>
    public static string FormatTimestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static void WriteValue(Utf8JsonWriter writer, object? value, string parameterName, string path)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case char character:
                writer.WriteStringValue(character.ToString());
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case sbyte or byte or short or ushort or int or long:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case uint or ulong:
                writer.WriteNumberValue(Convert.ToUInt64(value, CultureInfo.InvariantCulture));
                break;
            case float or double:
                var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (!double.IsFinite(number))
                {
                    throw new ArgumentException($"Condition context value '{path}' is {number}, which JSON cannot carry.", parameterName);
                }

                writer.WriteNumberValue(number);
                break;
            case decimal exact:
                writer.WriteNumberValue(exact);
                break;
            case DateTimeOffset instant:
                writer.WriteStringValue(FormatTimestamp(instant));
                break;
            case DateTime dateTime:
                if (dateTime.Kind == DateTimeKind.Unspecified)
                {
                    throw new ArgumentException(
                        $"Condition context value '{path}' is a DateTime of unspecified kind; use a DateTimeOffset or a UTC DateTime.", parameterName);
                }

                writer.WriteStringValue(FormatTimestamp(new DateTimeOffset(dateTime)));
                break;
            case TimeSpan duration:
                writer.WriteStringValue(FormatDuration(duration));
                break;
            case Guid or IPAddress or Uri or Enum:
                writer.WriteStringValue(value.ToString());
                break;
            case JsonElement element:
                element.WriteTo(writer);
                break;
            case JsonNode node:
                node.WriteTo(writer);
                break;
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                writer.WriteStartObject();
                foreach (var (key, item) in pairs)
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, item, parameterName, $"{path}.{key}");
                }

                writer.WriteEndObject();
                break;
            case IDictionary dictionary:
                WriteDictionary(writer, dictionary, parameterName, path);
                break;
            case IEnumerable sequence:
                writer.WriteStartArray();
                var index = 0;
                foreach (var item in sequence)
                {
                    WriteValue(writer, item, parameterName, $"{path}[{index++}]");
                }

                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentException(
                    $"Condition context value '{path}' has type {value.GetType()}, which cannot be sent to OpenFGA. " +
                    "Use primitives, DateTimeOffset, TimeSpan, lists or string-keyed dictionaries.", parameterName);
        }
    }

    private static void WriteDictionary(Utf8JsonWriter writer, IDictionary dictionary, string parameterName, string path)
    {
        writer.WriteStartObject();
        foreach (DictionaryEntry entry in dictionary)
        {
            if (entry.Key is not string key)
            {
                throw new ArgumentException($"Condition context value '{path}' is a dictionary whose keys are not strings.", parameterName);
            }

            writer.WritePropertyName(key);
            WriteValue(writer, entry.Value, parameterName, $"{path}.{key}");
        }

        writer.WriteEndObject();
    }
}
