using System.Text.Json;
using System.Text.Json.Serialization;

namespace TypedFga.Wire.Json;

/// <summary>Reads a JSON <c>null</c> as <see langword="false"/>, so an answer such as <c>"allowed": null</c> does not fail.</summary>
internal sealed class NullAsFalseBooleanConverter : JsonConverter<bool>
{
    public override bool HandleNull => true;

    public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Null or JsonTokenType.False => false,
            JsonTokenType.True => true,
            _ => throw new JsonException($"Expected a boolean, not {reader.TokenType}."),
        };

    public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) => writer.WriteBooleanValue(value);
}
