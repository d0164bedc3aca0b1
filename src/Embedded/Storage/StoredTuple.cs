using System.Text.Json.Nodes;
using TypedFga.Embedded.Authorization;
using TypedFga.Wire;

namespace TypedFga.Embedded.Storage;

/// <summary>A tuple as stored (or as sent as a contextual tuple), split into its parts.</summary>
internal sealed class StoredTuple(
    string objectType,
    string objectId,
    string relation,
    TupleUser user,
    string? conditionName,
    JsonObject? conditionContext,
    long insertedAtMilliseconds = 0)
{
    public string ObjectType { get; } = objectType;

    public string ObjectId { get; } = objectId;

    public string Relation { get; } = relation;

    public TupleUser User { get; } = user;

    public string? ConditionName { get; } = conditionName;

    public JsonObject? ConditionContext { get; } = conditionContext;

    public long InsertedAtMilliseconds { get; } = insertedAtMilliseconds;

    public string Object => ObjectType + ":" + ObjectId;

    public ApiTupleKey ToApi() => new()
    {
        Object = Object,
        Relation = Relation,
        User = User.ToString(),
        Condition = ConditionName is null ? null : new ApiRelationshipCondition { Name = ConditionName, Context = ConditionContext?.DeepClone().AsObject() },
    };

    public override string ToString() => $"{Object}#{Relation}@{User}";
}
