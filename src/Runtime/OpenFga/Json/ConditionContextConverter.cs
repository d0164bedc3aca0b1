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
        try
        {
            ConditionContextWriter.Write(writer, value, "context");
        }
        catch (ArgumentException exception)
        {
            // Inside serialization the contract is JsonException; the message still names the value.
            throw new JsonException(exception.Message, exception);
        }
    }

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
}
