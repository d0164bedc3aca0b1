using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using TypedFga.Embedded;
using TypedFga.Tests.Conformance;
using TypedFga.Wire;

namespace TypedFga.Server.Tests.Conformance;

/// <summary>
/// Runs the conformance assertions over HTTP against the server: every call is a real request with OpenFGA's
/// JSON, and an error answer's string <c>code</c> is turned back into OpenFGA's numeric code.
/// </summary>
public sealed class HttpConformanceTarget(HttpClient http) : IConformanceTarget
{
    private static readonly FgaApiJsonContext Json = FgaApiJsonContext.Default;

    public async Task<string> CreateStoreAsync(string name)
    {
        var result = await PostAsync("stores", new CreateStoreRequest { Name = name }, Json.CreateStoreRequest, Json.Store);
        return result.ErrorCode == 0 ? result.Value!.Id : throw new InvalidOperationException("CreateStore failed: " + result.Message);
    }

    public async Task<TargetResult<string>> WriteModelAsync(string storeId, string modelJson)
    {
        using var content = new StringContent(modelJson, System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync($"stores/{storeId}/authorization-models", content);
        var result = await ReadAsync(response, Json.WriteAuthorizationModelResponse);
        return result.ErrorCode == 0 ? TargetResult<string>.Ok(result.Value!.AuthorizationModelId) : TargetResult<string>.Error(result.ErrorCode, result.Message!);
    }

    public async Task WriteTuplesAsync(string storeId, string modelId, IReadOnlyList<ConformanceTuple> tuples)
    {
        var request = new WriteRequest
        {
            AuthorizationModelId = modelId,
            Writes = new WriteRequestWrites { TupleKeys = tuples.Select(ToApi).ToList() },
        };
        using var response = await http.PostAsJsonAsync($"stores/{storeId}/write", request, Json.WriteRequest);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Write failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public async Task<TargetResult<bool>> CheckAsync(string storeId, string modelId, ConformanceTuple tuple, IReadOnlyList<ConformanceTuple> contextualTuples, JsonObject? context)
    {
        var request = new CheckRequest
        {
            AuthorizationModelId = modelId,
            TupleKey = TupleKeyWithoutCondition.Of(tuple.User, tuple.Relation, tuple.Object),
            ContextualTuples = new ContextualTupleKeys { TupleKeys = contextualTuples.Select(ToApi).ToList() },
            Context = context?.DeepClone().AsObject(),
        };
        var result = await PostAsync($"stores/{storeId}/check", request, Json.CheckRequest, Json.CheckResponse);
        return result.ErrorCode == 0 ? TargetResult<bool>.Ok(result.Value!.Allowed) : TargetResult<bool>.Error(result.ErrorCode, result.Message!);
    }

    public async Task<TargetResult<IReadOnlyList<string>>> ListObjectsAsync(string storeId, string modelId, string user, string type, string relation, IReadOnlyList<ConformanceTuple> contextualTuples, JsonObject? context)
    {
        var request = new ListObjectsRequest
        {
            AuthorizationModelId = modelId,
            User = user,
            Type = type,
            Relation = relation,
            ContextualTuples = new ContextualTupleKeys { TupleKeys = contextualTuples.Select(ToApi).ToList() },
            Context = context?.DeepClone().AsObject(),
        };
        var result = await PostAsync($"stores/{storeId}/list-objects", request, Json.ListObjectsRequest, Json.ListObjectsResponse);
        return result.ErrorCode == 0
            ? TargetResult<IReadOnlyList<string>>.Ok(result.Value!.Objects)
            : TargetResult<IReadOnlyList<string>>.Error(result.ErrorCode, result.Message!);
    }

    public async Task<TargetResult<IReadOnlyList<string>>> ListUsersAsync(string storeId, string modelId, string @object, string relation, string filter, IReadOnlyList<ConformanceTuple> contextualTuples, JsonObject? context)
    {
        var colon = @object.IndexOf(':');
        var hash = filter.IndexOf('#');
        var request = new ListUsersRequest
        {
            AuthorizationModelId = modelId,
            Object = new FgaObject { Type = colon < 0 ? @object : @object[..colon], Id = colon < 0 ? "" : @object[(colon + 1)..] },
            Relation = relation,
            UserFilters = [new UserTypeFilter { Type = hash < 0 ? filter : filter[..hash], Relation = hash < 0 ? null : filter[(hash + 1)..] }],
            ContextualTuples = contextualTuples.Select(ToApi).ToList(),
            Context = context?.DeepClone().AsObject(),
        };
        var result = await PostAsync($"stores/{storeId}/list-users", request, Json.ListUsersRequest, Json.ListUsersResponse);
        return result.ErrorCode == 0
            ? TargetResult<IReadOnlyList<string>>.Ok(result.Value!.Users.Select(u => u.ToString()).ToList())
            : TargetResult<IReadOnlyList<string>>.Error(result.ErrorCode, result.Message!);
    }

    private async Task<TargetResult<TResponse>> PostAsync<TRequest, TResponse>(string path, TRequest body, JsonTypeInfo<TRequest> requestInfo, JsonTypeInfo<TResponse> responseInfo)
    {
        using var response = await http.PostAsJsonAsync(path, body, requestInfo);
        return await ReadAsync(response, responseInfo);
    }

    private static async Task<TargetResult<T>> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (response.IsSuccessStatusCode)
        {
            return TargetResult<T>.Ok(JsonSerializer.Deserialize(text, typeInfo)!);
        }

        var error = JsonNode.Parse(text);
        var code = error?["code"]?.GetValue<string>();
        return TargetResult<T>.Error(ConformanceErrorCodes.FromName(code), $"HTTP {(int)response.StatusCode} {code}: {error?["message"]}");
    }

    private static ApiTupleKey ToApi(ConformanceTuple tuple) => ApiTupleKey.Of(
        tuple.User,
        tuple.Relation,
        tuple.Object,
        tuple.ConditionName is null ? null : new ApiRelationshipCondition { Name = tuple.ConditionName, Context = tuple.ConditionContext?.DeepClone().AsObject() });
}
