using System.Text.Json;
using System.Text.Json.Serialization;

namespace TypedFga.OpenFga.Contracts;

/// <summary>
/// An authorization model as the server stores it. The type definitions and conditions are kept as
/// raw JSON: the runtime has its own model reader, and this client only carries them.
/// </summary>
public sealed record AuthorizationModel
{
    /// <summary>The model id (a ULID).</summary>
    [JsonPropertyName("id")] public string? Id { get; init; }

    /// <summary>The schema version, for example <c>1.1</c>.</summary>
    [JsonPropertyName("schema_version")] public string? SchemaVersion { get; init; }

    /// <summary>The <c>type_definitions</c> array, as sent by the server.</summary>
    [JsonPropertyName("type_definitions")] public JsonElement? TypeDefinitions { get; init; }

    /// <summary>The <c>conditions</c> map, as sent by the server; null when the model has none.</summary>
    [JsonPropertyName("conditions")] public JsonElement? Conditions { get; init; }
}

/// <summary>The answer of ReadAuthorizationModel.</summary>
public sealed record ReadAuthorizationModelResponse
{
    /// <summary>The model.</summary>
    [JsonPropertyName("authorization_model")] public AuthorizationModel? AuthorizationModel { get; init; }
}

/// <summary>One page of ReadAuthorizationModels, newest model first.</summary>
public sealed record ReadAuthorizationModelsResponse
{
    /// <summary>The models of this page.</summary>
    [JsonPropertyName("authorization_models")] public IReadOnlyList<AuthorizationModel>? AuthorizationModels { get; init; }

    /// <summary>The token of the next page; empty when this is the last one.</summary>
    [JsonPropertyName("continuation_token")] public string? ContinuationToken { get; init; }
}

/// <summary>The answer of WriteAuthorizationModel.</summary>
public sealed record WriteAuthorizationModelResponse
{
    /// <summary>The id of the model just written.</summary>
    [JsonPropertyName("authorization_model_id")] public string? AuthorizationModelId { get; init; }
}
