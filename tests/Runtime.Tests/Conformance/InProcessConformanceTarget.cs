using System.Text.Json.Nodes;
using TypedFga.Embedded;
using TypedFga.Embedded.Errors;
using TypedFga.Wire;

namespace TypedFga.Tests.Conformance;

/// <summary>Runs the conformance assertions against an in-process <see cref="EmbeddedOpenFga"/>.</summary>
public sealed class InProcessConformanceTarget(EmbeddedOpenFga engine) : IConformanceTarget
{
    public async Task<string> CreateStoreAsync(string name) =>
        (await engine.CreateStoreAsync(new CreateStoreRequest { Name = name })).Id;

    public Task<TargetResult<string>> WriteModelAsync(string storeId, string modelJson) =>
        Call(async () => (await engine.WriteAuthorizationModelAsync(storeId, modelJson)).AuthorizationModelId);

    public Task WriteTuplesAsync(string storeId, string modelId, IReadOnlyList<ConformanceTuple> tuples) =>
        engine.WriteAsync(storeId, new WriteRequest
        {
            AuthorizationModelId = modelId,
            Writes = new WriteRequestWrites { TupleKeys = tuples.Select(ToApi).ToList() },
        });

    public Task<TargetResult<bool>> CheckAsync(string storeId, string modelId, ConformanceTuple tuple, IReadOnlyList<ConformanceTuple> contextualTuples, JsonObject? context) =>
        Call(async () => (await engine.CheckAsync(storeId, new CheckRequest
        {
            AuthorizationModelId = modelId,
            TupleKey = TupleKeyWithoutCondition.Of(tuple.User, tuple.Relation, tuple.Object),
            ContextualTuples = new ContextualTupleKeys { TupleKeys = contextualTuples.Select(ToApi).ToList() },
            Context = context,
        })).Allowed);

    public Task<TargetResult<IReadOnlyList<string>>> ListObjectsAsync(string storeId, string modelId, string user, string type, string relation, IReadOnlyList<ConformanceTuple> contextualTuples, JsonObject? context) =>
        Call(async () => (await engine.ListObjectsAsync(storeId, new ListObjectsRequest
        {
            AuthorizationModelId = modelId,
            User = user,
            Type = type,
            Relation = relation,
            ContextualTuples = new ContextualTupleKeys { TupleKeys = contextualTuples.Select(ToApi).ToList() },
            Context = context,
        })).Objects);

    public Task<TargetResult<IReadOnlyList<string>>> ListUsersAsync(string storeId, string modelId, string @object, string relation, string filter, IReadOnlyList<ConformanceTuple> contextualTuples, JsonObject? context)
    {
        var colon = @object.IndexOf(':');
        var hash = filter.IndexOf('#');
        return Call(async () => (IReadOnlyList<string>)(await engine.ListUsersAsync(storeId, new ListUsersRequest
        {
            AuthorizationModelId = modelId,
            Object = new FgaObject { Type = colon < 0 ? @object : @object[..colon], Id = colon < 0 ? "" : @object[(colon + 1)..] },
            Relation = relation,
            UserFilters = [new UserTypeFilter { Type = hash < 0 ? filter : filter[..hash], Relation = hash < 0 ? null : filter[(hash + 1)..] }],
            ContextualTuples = contextualTuples.Select(ToApi).ToList(),
            Context = context,
        })).Users.Select(u => u.ToString()).ToList());
    }

    private static ApiTupleKey ToApi(ConformanceTuple tuple) => ApiTupleKey.Of(
        tuple.User,
        tuple.Relation,
        tuple.Object,
        tuple.ConditionName is null ? null : new ApiRelationshipCondition { Name = tuple.ConditionName, Context = tuple.ConditionContext?.DeepClone().AsObject() });

    private static async Task<TargetResult<T>> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return TargetResult<T>.Ok(await call());
        }
        catch (FgaEngineException e)
        {
            return TargetResult<T>.Error((int)e.ErrorCode, e.ServerMessage);
        }
    }
}
