using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TypedFga.Wire.Json;

/// <summary>
/// Reads an error's <c>code</c>: OpenFGA sends the code's name (<c>validation_error</c>), a plain gRPC gateway its
/// number, which is kept as its digits. Any other value reads as null, so the body can still be recognised by its
/// message. Writes the name.
/// </summary>
internal sealed class CodeNameConverter : JsonConverter<string>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
            default:
                reader.Skip();
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
