using System.Text.Json.Serialization;

namespace TypedFga.OpenFga;

/// <summary>An OAuth 2.0 token endpoint's answer (RFC 6749 section 5.1).</summary>
internal sealed record TokenResponseBody
{
    [JsonPropertyName("access_token")] public string? AccessToken { get; init; }

    [JsonPropertyName("token_type")] public string? TokenType { get; init; }

    [JsonPropertyName("expires_in")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public long? ExpiresIn { get; init; }
}

/// <summary>
/// Source-generated metadata for the token endpoint's answer: OAuth's, not OpenFGA's API, so it stays out of
/// <see cref="TypedFga.Wire.FgaApiJsonContext"/>.
/// </summary>
[JsonSerializable(typeof(TokenResponseBody))]
internal sealed partial class TokenJsonContext : JsonSerializerContext;
