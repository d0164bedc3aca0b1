using System.Text.Json.Serialization;
using TypedFga.Wire.Json;

namespace TypedFga.Wire;

/// <summary>OpenFGA's error answer: <c>{"code": "validation_error", "message": "…"}</c>.</summary>
internal sealed record ErrorBody
{
    /// <summary>The code's name; the number's digits from a plain gRPC gateway; null when absent or of another kind.</summary>
    [JsonConverter(typeof(CodeNameConverter))]
    public string? Code { get; init; }

    /// <summary>The message.</summary>
    public string? Message { get; init; }
}
