using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace TypedFga.Server.Http;

/// <summary>
/// Reads an enum field that the contracts hold as a string the way protojson does: the value's name, or its
/// number (<c>"consistency": 200</c> is <c>HIGHER_CONSISTENCY</c>), which is turned into the name.
/// </summary>
/// <remarks>
/// A number the enum does not define fails, as OpenFGA's request validation (<c>enum.defined_only</c>) rejects it.
/// A name is passed on as given, as before: OpenFGA's gateway drops a name it does not know, and the engine
/// likewise ignores an unknown consistency and reports an unknown parameter type itself.
/// </remarks>
internal sealed class ProtoEnumConverter(ProtoEnum enumeration, string field) : JsonConverter<string>
{
    /// <summary>A contract modifier: gives every enum field of an object contract this converter.</summary>
    public static void AttachTo(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (property.PropertyType == typeof(string) && ProtoEnum.OfField(property.Name) is { } enumeration)
            {
                property.CustomConverter = new ProtoEnumConverter(enumeration, property.Name);
            }
        }
    }

    /// <inheritdoc />
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new JsonException($"invalid value for enum field {field}: expected the name or the number of a {enumeration.Name} value, not {Describe(reader.TokenType)}");
        }

        return reader.TryGetInt32(out var number) && enumeration.NameOf(number) is { } name
            ? name
            : throw new JsonException($"invalid value for enum field {field}: {Encoding.UTF8.GetString(reader.ValueSpan)} is not a defined {enumeration.Name} value");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => token.ToString(),
    };
}
