using System.Text.Json.Serialization;

namespace TypedFga.Server.Http;

/// <summary>The health check's answer.</summary>
internal sealed record HealthBody(string Status);

/// <summary>
/// Source-generated metadata for the health check's answer, the one body of the server's that OpenFGA's API document
/// does not describe. OpenFGA's bodies are <see cref="TypedFga.Wire.FgaApiJsonContext"/>'s.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HealthBody))]
internal sealed partial class ServerJsonContext : JsonSerializerContext;
