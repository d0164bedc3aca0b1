using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace TypedFga.Outbox;

/// <summary>
/// Stores a condition's context as the JSON OpenFGA receives, and reads it back as plain values
/// (string, long, double, bool, null, lists and dictionaries).
/// </summary>
/// <remarks>
/// Durations and timestamps are written in the text forms OpenFGA parses (<c>90s</c>, RFC 3339), so a
/// context read back from the outbox serializes to the same request body as the one given to Grant.
/// Unsupported values are refused with an <see cref="ArgumentException"/> before anything is stored.
/// </remarks>
internal static class ConditionContextJson
{
    /// <summary>OpenFGA refuses a tuple whose condition context is larger than this.</summary>
    public const int MaxContextBytes = 32 * 1024;

    public static string? Serialize(IReadOnlyDictionary<string, object?>? context, string parameterName)
    {
        if (context is null)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteObject(writer, context.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value)), parameterName, "");
        }

        if (buffer.WrittenCount > MaxContextBytes)
        {
            throw new ArgumentException(
                $"The condition context is {buffer.WrittenCount} bytes of JSON; OpenFGA accepts at most {MaxContextBytes}.", parameterName);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static IReadOnlyDictionary<string, object?>? Deserialize(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return ReadObject(document.RootElement);
    }

    private static void WriteObject(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, object?>> pairs, string parameterName, string path)
    {
        writer.WriteStartObject();
        foreach (var (key, value) in pairs)
        {
            writer.WritePropertyName(key);
            WriteValue(writer, value, parameterName, path.Length == 0 ? key : $"{path}.{key}");
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value, string parameterName, string path)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string s: writer.WriteStringValue(s); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case int or long or short or sbyte or byte or ushort or uint:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
            case ulong u: writer.WriteNumberValue(u); break;
            case double d when double.IsFinite(d): writer.WriteNumberValue(d); break;
            case float f when float.IsFinite(f): writer.WriteNumberValue(f); break;
            case decimal m: writer.WriteNumberValue(m); break;
            case Guid g: writer.WriteStringValue(g); break;
            case DateTimeOffset t: writer.WriteStringValue(FormatTimestamp(t)); break;
            case DateTime t: writer.WriteStringValue(FormatTimestamp(new DateTimeOffset(t.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : t))); break;
            case TimeSpan span: writer.WriteStringValue(FormatDuration(span)); break;
            case JsonElement element: element.WriteTo(writer); break;
            case IEnumerable<KeyValuePair<string, object?>> map: WriteObject(writer, map, parameterName, path); break;
            case IDictionary dictionary:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    if (entry.Key is not string key)
                    {
                        throw new ArgumentException($"The condition context value '{path}' is a dictionary whose keys are not strings.", parameterName);
                    }

                    writer.WritePropertyName(key);
                    WriteValue(writer, entry.Value, parameterName, $"{path}.{key}");
                }

                writer.WriteEndObject();
                break;
            case IEnumerable list:
                writer.WriteStartArray();
                var index = 0;
                foreach (var item in list)
                {
                    WriteValue(writer, item, parameterName, $"{path}[{index++}]");
                }

                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentException(
                    $"The condition context value '{path}' has the type {value.GetType().Name}, which cannot be sent to OpenFGA. " +
                    "Use strings, numbers, booleans, DateTimeOffset, TimeSpan, lists or string-keyed dictionaries.", parameterName);
        }
    }

    // Go's time.ParseDuration, which OpenFGA uses, accepts a decimal number of seconds with an 's' unit.
    private static string FormatDuration(TimeSpan span) =>
        (span.Ticks / (decimal)TimeSpan.TicksPerSecond).ToString(CultureInfo.InvariantCulture) + "s";

    private static string FormatTimestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static Dictionary<string, object?> ReadObject(JsonElement element)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            result[property.Name] = ReadValue(property.Value);
        }

        return result;
    }

    private static object? ReadValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => ReadObject(element),
        JsonValueKind.Array => element.EnumerateArray().Select(ReadValue).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var l) ? l : (object)element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
