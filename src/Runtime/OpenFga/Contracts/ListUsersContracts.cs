using System.Text.Json.Serialization;

namespace TypedFga.OpenFga.Contracts;

/// <summary>An object split into its type and id.</summary>
public sealed record FgaObject
{
    /// <summary>The type, for example <c>document</c>.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }

    /// <summary>The id, for example <c>roadmap</c>.</summary>
    [JsonPropertyName("id")] public string? Id { get; init; }
}

/// <summary>The kind of user ListUsers returns: a type, or a userset of that type.</summary>
public sealed record UserTypeFilter
{
    /// <summary>The user type, for example <c>user</c> or <c>group</c>.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }

    /// <summary>The userset relation, for example <c>member</c>; null for plain users.</summary>
    [JsonPropertyName("relation")] public string? Relation { get; init; }
}

/// <summary>The body of ListUsers.</summary>
public sealed record ListUsersRequest
{
    /// <summary>The model to evaluate; the client fills in its configured model when null.</summary>
    [JsonPropertyName("authorization_model_id")] public string? AuthorizationModelId { get; init; }

    /// <summary>The object whose users are listed.</summary>
    [JsonPropertyName("object")] public FgaObject? Object { get; init; }

    /// <summary>The relation the users must have.</summary>
    [JsonPropertyName("relation")] public string? Relation { get; init; }

    /// <summary>Exactly one filter.</summary>
    [JsonPropertyName("user_filters")] public IReadOnlyList<UserTypeFilter>? UserFilters { get; init; }

    /// <summary>Tuples considered for this request only; a plain array here, unlike Check.</summary>
    [JsonPropertyName("contextual_tuples")] public IReadOnlyList<TupleKey>? ContextualTuples { get; init; }

    /// <summary>Request context for conditions.</summary>
    [JsonPropertyName("context")] public IReadOnlyDictionary<string, object?>? Context { get; init; }

    /// <summary>Whether the server may answer from its caches.</summary>
    [JsonPropertyName("consistency")] public ConsistencyPreference? Consistency { get; init; }
}

/// <summary>The answer of ListUsers.</summary>
public sealed record ListUsersResponse
{
    /// <summary>The users found.</summary>
    [JsonPropertyName("users")] public IReadOnlyList<ListedUser>? Users { get; init; }
}

/// <summary>One user found by ListUsers: exactly one of the three parts is set.</summary>
public sealed record ListedUser
{
    /// <summary>A concrete user, for example <c>user:anne</c>.</summary>
    [JsonPropertyName("object")] public FgaObject? Object { get; init; }

    /// <summary>A userset, for example <c>group:eng#member</c>.</summary>
    [JsonPropertyName("userset")] public UsersetUser? Userset { get; init; }

    /// <summary>Every user of a type, for example <c>user:*</c>.</summary>
    [JsonPropertyName("wildcard")] public TypedWildcard? Wildcard { get; init; }

    /// <summary>The user in OpenFGA's string form (<c>user:anne</c>, <c>group:eng#member</c>, <c>user:*</c>).</summary>
    public override string ToString() =>
        Object is not null ? $"{Object.Type}:{Object.Id}"
        : Userset is not null ? $"{Userset.Type}:{Userset.Id}#{Userset.Relation}"
        : Wildcard is not null ? $"{Wildcard.Type}:*"
        : string.Empty;
}

/// <summary>A userset found by ListUsers.</summary>
public sealed record UsersetUser
{
    /// <summary>The userset's type.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }

    /// <summary>The userset's object id.</summary>
    [JsonPropertyName("id")] public string? Id { get; init; }

    /// <summary>The userset's relation.</summary>
    [JsonPropertyName("relation")] public string? Relation { get; init; }
}

/// <summary>A type-wide wildcard found by ListUsers.</summary>
public sealed record TypedWildcard
{
    /// <summary>The type.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }
}
