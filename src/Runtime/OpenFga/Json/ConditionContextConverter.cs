using System.Collections;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TypedFga.OpenFga.Json;

/// <summary>
/// Writes condition contexts (<c>context</c> of a request and of a tuple's condition) as the plain JSON
/// object OpenFGA expects, from loosely typed CLR values: primitives, <see cref="DateTimeOffset"/> as an
/// RFC 3339 timestamp, <see cref="TimeSpan"/> as a protobuf duration (<c>"3600s"</c>), lists and
/// string-keyed dictionaries. Reads JSON back into strings, longs, doubles, booleans, lists and dictionaries.
/// Hand-written because source-generated metadata cannot describe arbitrary <see cref="object"/> values.
/// </summary>
internal sealed class ConditionContextConverter : JsonConverter<IReadOnlyDictionary<string, object?>>
{
    public override IReadOnlyDictionary<string, object?>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"A condition context must be a JSON object, not {reader.TokenType}.");
        }

        return ReadObject(ref reader);
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, object?> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (key, item) in value)
        {
            writer.WritePropertyName(key);
            WriteValue(writer, item, key);
        }

        writer.WriteEndObject();
    }

    /// <summary>Formats a duration the way protobuf's JSON mapping does: seconds with an <c>s</c> suffix.</summary>
    internal static string FormatDuration(TimeSpan value)
    {
        var seconds = value.Ticks / (decimal)TimeSpan.TicksPerSecond;
        return seconds.ToString("0.#######", CultureInfo.InvariantCulture) + "s";
    }

    /// <summary>Formats an instant as an RFC 3339 UTC timestamp, with fractional seconds only when present.</summary>
    internal static string FormatTimestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static Dictionary<string, object?> ReadObject(ref Utf8JsonReader reader)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            result[name] = ReadValue(ref reader);
        }

        return result;
    }

    private static object? ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                // Cast each branch: a bare conditional would widen the long to double.
                return reader.TryGetInt64(out var integer) ? (object)integer : (object)reader.GetDouble();
            case JsonTokenType.StartObject:
                return ReadObject(ref reader);
            case JsonTokenType.StartArray:
                var list = new List<object?>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    list.Add(ReadValue(ref reader));
                }

                return list;
            default:
                throw new JsonException($"Unexpected {reader.TokenType} in a condition context.");
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value, string path)
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
                    throw new JsonException($"Condition context value '{path}' is {number}, which JSON cannot carry.");
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
                    throw new JsonException(
                        $"Condition context value '{path}' is a DateTime of unspecified kind; use a DateTimeOffset or a UTC DateTime.");
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
            case IDictionary dictionary:
                WriteDictionary(writer, dictionary, path);
                break;
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                writer.WriteStartObject();
                foreach (var (key, item) in pairs)
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, item, $"{path}.{key}");
                }

                writer.WriteEndObject();
                break;
            case IEnumerable sequence:
                writer.WriteStartArray();
                var index = 0;
                foreach (var item in sequence)
                {
                    WriteValue(writer, item, $"{path}[{index++}]");
                }

                writer.WriteEndArray();
                break;
            default:
                throw new JsonException(
                    $"Condition context value '{path}' has type {value.GetType()}, which cannot be sent to OpenFGA. " +
                    "Use primitives, DateTimeOffset, TimeSpan, lists or string-keyed dictionaries.");
        }
    }

    private static void WriteDictionary(Utf8JsonWriter writer, IDictionary dictionary, string path)
    {
        writer.WriteStartObject();
        foreach (DictionaryEntry entry in dictionary)
        {
            if (entry.Key is not string key)
            {
                throw new JsonException($"Condition context value '{path}' is a dictionary whose keys are not strings.");
            }

            writer.WritePropertyName(key);
            WriteValue(writer, entry.Value, $"{path}.{key}");
        }

        writer.WriteEndObject();
    }
}
