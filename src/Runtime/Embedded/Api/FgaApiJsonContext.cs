using System.Text.Json.Serialization;

namespace TypedFga.Embedded.Api;

/// <summary>
/// Source-generated System.Text.Json metadata for OpenFGA's request and response bodies, with OpenFGA's
/// snake_case field names. Use it to read models (<see cref="AuthorizationModel"/>) or to serve the engine over HTTP.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowTrailingCommas = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(AuthorizationModel))]
[JsonSerializable(typeof(CreateStoreRequest))]
[JsonSerializable(typeof(StoreInfo))]
[JsonSerializable(typeof(ListStoresResponse))]
[JsonSerializable(typeof(WriteAuthorizationModelResponse))]
[JsonSerializable(typeof(ReadAuthorizationModelResponse))]
[JsonSerializable(typeof(ReadAuthorizationModelsResponse))]
[JsonSerializable(typeof(WriteRequest))]
[JsonSerializable(typeof(ReadRequest))]
[JsonSerializable(typeof(ReadResponse))]
[JsonSerializable(typeof(ReadChangesRequest))]
[JsonSerializable(typeof(ReadChangesResponse))]
[JsonSerializable(typeof(CheckRequest))]
[JsonSerializable(typeof(CheckResponse))]
[JsonSerializable(typeof(BatchCheckRequest))]
[JsonSerializable(typeof(BatchCheckResponse))]
[JsonSerializable(typeof(ListObjectsRequest))]
[JsonSerializable(typeof(ListObjectsResponse))]
[JsonSerializable(typeof(ListUsersRequest))]
[JsonSerializable(typeof(ListUsersResponse))]
[JsonSerializable(typeof(ExpandRequest))]
[JsonSerializable(typeof(ExpandResponse))]
public sealed partial class FgaApiJsonContext : JsonSerializerContext;
