using System.Text.Json;
using System.Text.Json.Serialization;
using TypedFga.OpenFga.Contracts;

namespace TypedFga.OpenFga.Json;

/// <summary>
/// Source-generated serialization metadata for every body the client sends or reads. Nulls are not
/// written (an absent field means "server default"); nulls are accepted wherever they are read.
/// The snake_case policy covers <see cref="TupleKey"/> and <see cref="RelationshipCondition"/>, which
/// are shared with the rest of the runtime and carry no JSON attributes.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(ConditionContextConverter), typeof(NullAsFalseBooleanConverter)])]
[JsonSerializable(typeof(Store))]
[JsonSerializable(typeof(CreateStoreRequest))]
[JsonSerializable(typeof(CreateStoreResponse))]
[JsonSerializable(typeof(ListStoresResponse))]
[JsonSerializable(typeof(ReadAuthorizationModelResponse))]
[JsonSerializable(typeof(ReadAuthorizationModelsResponse))]
[JsonSerializable(typeof(WriteAuthorizationModelResponse))]
[JsonSerializable(typeof(WriteRequest))]
[JsonSerializable(typeof(ReadRequest))]
[JsonSerializable(typeof(ReadResponse))]
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
[JsonSerializable(typeof(StreamedListObjectsLine))]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(TokenResponseBody))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class OpenFgaJsonContext : JsonSerializerContext;
