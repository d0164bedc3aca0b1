using System.Text.Json.Nodes;

namespace TypedFga.Wire;

/// <summary>
/// A relationship tuple as OpenFGA's API carries it (<c>TupleKey</c>): user, relation, object and an optional
/// condition. Named <c>ApiTupleKey</c> because <see cref="TypedFga.TupleKey"/> is the runtime's own tuple.
/// </summary>
internal sealed record ApiTupleKey
{
    /// <summary>The user: <c>user:anne</c>, <c>group:eng#member</c> or <c>user:*</c>.</summary>
    public string? User { get; init; }

    /// <summary>The relation.</summary>
    public string? Relation { get; init; }

    /// <summary>The object: <c>document:roadmap</c>.</summary>
    public string? Object { get; init; }

    /// <summary>The condition the tuple holds under, if any.</summary>
    public ApiRelationshipCondition? Condition { get; init; }

    /// <summary>Creates a key.</summary>
    public static ApiTupleKey Of(string user, string relation, string @object, ApiRelationshipCondition? condition = null) =>
        new() { User = user, Relation = relation, Object = @object, Condition = condition };

    /// <inheritdoc />
    public override string ToString() => $"{Object}#{Relation}@{User}";
}

/// <summary>
/// A tuple's condition (<c>RelationshipCondition</c>): its name and the context stored with the tuple. Named
/// <c>ApiRelationshipCondition</c> because <see cref="TypedFga.RelationshipCondition"/> is the runtime's own.
/// </summary>
internal sealed record ApiRelationshipCondition
{
    /// <summary>The condition's name.</summary>
    public string? Name { get; init; }

    /// <summary>Parameter values stored with the tuple (a <c>google.protobuf.Struct</c>); they win over the request's context.</summary>
    public JsonObject? Context { get; init; }
}

/// <summary>
/// A tuple named by its user, relation and object only (<c>TupleKeyWithoutCondition</c>), as deletes send it;
/// Check and BatchCheck send the same three fields (<c>CheckRequestTupleKey</c>). A condition sent in its place is
/// an unknown field, ignored.
/// </summary>
internal sealed record TupleKeyWithoutCondition
{
    /// <summary>The user.</summary>
    public string? User { get; init; }

    /// <summary>The relation.</summary>
    public string? Relation { get; init; }

    /// <summary>The object.</summary>
    public string? Object { get; init; }

    /// <summary>Creates a key.</summary>
    public static TupleKeyWithoutCondition Of(string user, string relation, string @object) =>
        new() { User = user, Relation = relation, Object = @object };

    /// <inheritdoc />
    public override string ToString() => $"{Object}#{Relation}@{User}";
}

/// <summary>
/// A stored tuple and when it was written (<c>Tuple</c>). Named <c>ApiTuple</c> because <see cref="System.Tuple"/>
/// takes the plain name.
/// </summary>
internal sealed record ApiTuple
{
    /// <summary>The tuple.</summary>
    public ApiTupleKey? Key { get; init; }

    /// <summary>When it was written; null only when a server sends none.</summary>
    public DateTimeOffset? Timestamp { get; init; }
}

/// <summary>Tuples sent with a query and considered for that query only: the wrapper Check, BatchCheck, ListObjects and Expand use.</summary>
internal sealed record ContextualTupleKeys
{
    /// <summary>The tuples (at most 100).</summary>
    public IReadOnlyList<ApiTupleKey>? TupleKeys { get; init; }
}

/// <summary>One entry of the changelog.</summary>
internal sealed record TupleChange
{
    /// <summary>The tuple written or deleted.</summary>
    public ApiTupleKey? TupleKey { get; init; }

    /// <summary>A <see cref="TupleOperation"/> name, kept as sent.</summary>
    public string? Operation { get; init; }

    /// <summary>When the change happened; null only when a server sends none.</summary>
    public DateTimeOffset? Timestamp { get; init; }
}

/// <summary>The names of OpenFGA's <c>TupleOperation</c> values, as <see cref="TupleChange.Operation"/> carries them.</summary>
internal static class TupleOperation
{
    /// <summary>The tuple was written.</summary>
    public const string Write = "TUPLE_OPERATION_WRITE";

    /// <summary>The tuple was deleted.</summary>
    public const string Delete = "TUPLE_OPERATION_DELETE";
}
