using System.Text.Json.Nodes;

namespace TypedFga.Embedded.Api;

/// <summary>A relationship tuple key as OpenFGA's API carries it (<c>TupleKey</c>): user, relation, object and an optional condition.</summary>
public sealed record ApiTupleKey
{
    /// <summary>The user: <c>user:anne</c>, <c>group:eng#member</c> or <c>user:*</c>.</summary>
    public string? User { get; init; }

    /// <summary>The relation.</summary>
    public string? Relation { get; init; }

    /// <summary>The object: <c>document:roadmap</c>.</summary>
    public string? Object { get; init; }

    /// <summary>The condition the tuple holds under, if any.</summary>
    public ApiCondition? Condition { get; init; }

    /// <summary>Creates a key.</summary>
    public static ApiTupleKey Of(string user, string relation, string @object, ApiCondition? condition = null) =>
        new() { User = user, Relation = relation, Object = @object, Condition = condition };

    /// <inheritdoc />
    public override string ToString() => $"{Object}#{Relation}@{User}";
}

/// <summary>A tuple's condition (<c>RelationshipCondition</c>): its name and the context stored with the tuple.</summary>
public sealed record ApiCondition
{
    /// <summary>The condition's name.</summary>
    public string? Name { get; init; }

    /// <summary>Parameter values stored with the tuple; they win over the request's context.</summary>
    public JsonObject? Context { get; init; }
}

/// <summary>A stored tuple and when it was written.</summary>
public sealed record ApiTuple
{
    /// <summary>The tuple.</summary>
    public ApiTupleKey? Key { get; init; }

    /// <summary>When it was written.</summary>
    public DateTimeOffset Timestamp { get; init; }
}

/// <summary>Tuples sent with a query and considered for that query only.</summary>
public sealed record ContextualTupleKeys
{
    /// <summary>The tuples (at most 100).</summary>
    public IReadOnlyList<ApiTupleKey>? TupleKeys { get; init; }
}

/// <summary>One entry of the changelog.</summary>
public sealed record TupleChange
{
    /// <summary>The tuple written or deleted.</summary>
    public ApiTupleKey? TupleKey { get; init; }

    /// <summary><c>TUPLE_OPERATION_WRITE</c> or <c>TUPLE_OPERATION_DELETE</c>.</summary>
    public string? Operation { get; init; }

    /// <summary>When the change happened.</summary>
    public DateTimeOffset Timestamp { get; init; }
}
