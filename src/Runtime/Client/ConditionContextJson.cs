using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace TypedFga;

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
            ConditionContextWriter.Write(writer, context, parameterName);
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
