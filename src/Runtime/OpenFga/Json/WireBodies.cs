using System.Text.Json;
using System.Text.Json.Serialization;

namespace TypedFga.OpenFga.Json;

/// <summary>OpenFGA's error answer. <c>code</c> is a string name, or a number from a plain gRPC gateway.</summary>
internal sealed record ErrorBody
{
    [JsonPropertyName("code")] public JsonElement? Code { get; init; }

    [JsonPropertyName("message")] public string? Message { get; init; }
}

/// <summary>An OAuth 2.0 token endpoint's answer (RFC 6749 section 5.1).</summary>
internal sealed record TokenResponseBody
{
    [JsonPropertyName("access_token")] public string? AccessToken { get; init; }

    [JsonPropertyName("token_type")] public string? TokenType { get; init; }

    [JsonPropertyName("expires_in")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public long? ExpiresIn { get; init; }
}
