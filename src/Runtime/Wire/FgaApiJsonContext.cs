using System.Text.Json;
using System.Text.Json.Serialization;

namespace TypedFga.Wire;

/// <summary>
/// Source-generated System.Text.Json metadata for OpenFGA's request and response bodies, with OpenFGA's snake_case
/// field names (and its few camelCase ones, named on their properties). The embedded engine reads and stores models
/// with it, the server answers with it, and the HTTP client writes requests and reads answers with it.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Nulls are not written: an absent field means the server's default.</item>
/// <item>
/// Nulls are read everywhere. OpenFGA always sends an answer's strings and lists (protojson's
/// <c>EmitUnpopulated</c>); the contracts default them to empty and read a null as empty, as protojson does, so
/// they are never null. Messages, timestamps and oneof members stay nullable.
/// </item>
/// <item>
/// Enum fields (<c>consistency</c>, <c>operation</c>, <c>type_name</c>) are held as their names, the form OpenFGA
/// writes. The server also accepts their numbers, through its own reading rules.
/// </item>
/// <item>Contexts (<c>google.protobuf.Struct</c>) are JSON objects, kept as sent.</item>
/// <item>Trailing commas and comments are tolerated when reading.</item>
/// </list>
/// </remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowTrailingCommas = true,
    ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(CreateStoreRequest))]
[JsonSerializable(typeof(Store))]
[JsonSerializable(typeof(ListStoresResponse))]
[JsonSerializable(typeof(AuthorizationModel))]
[JsonSerializable(typeof(WriteAuthorizationModelResponse))]
[JsonSerializable(typeof(ReadAuthorizationModelResponse))]
[JsonSerializable(typeof(ReadAuthorizationModelsResponse))]
[JsonSerializable(typeof(WriteRequest))]
[JsonSerializable(typeof(WriteResponse))]
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
[JsonSerializable(typeof(StreamedListObjectsLine))]
[JsonSerializable(typeof(ListUsersRequest))]
[JsonSerializable(typeof(ListUsersResponse))]
[JsonSerializable(typeof(ExpandRequest))]
[JsonSerializable(typeof(ExpandResponse))]
[JsonSerializable(typeof(AssertionsBody))]
[JsonSerializable(typeof(ErrorBody))]
// The HTTP client reads Write's answer, which carries nothing, as any JSON: only a malformed body fails.
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class FgaApiJsonContext : JsonSerializerContext;
