using System.Text.Json.Nodes;

namespace TypedFga.Wire;

/// <summary>ListUsers' body (OpenFGA 1.5.4 and later).</summary>
internal sealed record ListUsersRequest
{
    /// <summary>The model to use; the latest when empty.</summary>
    public string? AuthorizationModelId { get; init; }

    /// <summary>The object whose users are listed.</summary>
    public FgaObject? Object { get; init; }

    /// <summary>The relation the users must have.</summary>
    public string? Relation { get; init; }

    /// <summary>Exactly one filter: the user type, and a relation for usersets.</summary>
    public IReadOnlyList<UserTypeFilter>? UserFilters { get; init; }

    /// <summary>Tuples considered for this query only: a plain array here, unlike the other queries' wrapper.</summary>
    public IReadOnlyList<ApiTupleKey>? ContextualTuples { get; init; }

    /// <summary>Values for condition parameters.</summary>
    public JsonObject? Context { get; init; }

    /// <summary>A <see cref="ConsistencyPreference"/> name.</summary>
    public string? Consistency { get; init; }
}

/// <summary>An object split into its type and id (<c>Object</c>).</summary>
internal sealed record FgaObject
{
    /// <summary>The type, for example <c>document</c>.</summary>
    public string? Type { get; init; }

    /// <summary>The id, for example <c>roadmap</c>.</summary>
    public string? Id { get; init; }
}

/// <summary>A ListUsers filter: a user type (<c>user</c>), or a userset of that type (<c>group#member</c>).</summary>
internal sealed record UserTypeFilter
{
    /// <summary>The user type.</summary>
    public string? Type { get; init; }

    /// <summary>The userset relation; null for plain users.</summary>
    public string? Relation { get; init; }
}

/// <summary>ListUsers' answer.</summary>
internal sealed record ListUsersResponse
{
    /// <summary>The users found; a null reads as empty.</summary>
    public IReadOnlyList<ListedUser> Users { get; init => field = value ?? []; } = [];
}

/// <summary>One user found by ListUsers (<c>User</c>): exactly one member is set (a oneof).</summary>
internal sealed record ListedUser
{
    /// <summary>An object, <c>user:anne</c>.</summary>
    public FgaObject? Object { get; init; }

    /// <summary>A userset, <c>group:eng#member</c>.</summary>
    public UsersetUser? Userset { get; init; }

    /// <summary>A typed wildcard, <c>user:*</c>.</summary>
    public TypedWildcard? Wildcard { get; init; }

    /// <summary>The user in tuple notation (<c>user:anne</c>, <c>group:eng#member</c>, <c>user:*</c>); empty when no member is set.</summary>
    public override string ToString() =>
        Object is not null ? $"{Object.Type}:{Object.Id}"
        : Userset is not null ? $"{Userset.Type}:{Userset.Id}#{Userset.Relation}"
        : Wildcard is not null ? $"{Wildcard.Type}:*"
        : string.Empty;
}

/// <summary>A userset found by ListUsers.</summary>
internal sealed record UsersetUser
{
    /// <summary>The type.</summary>
    public string? Type { get; init; }

    /// <summary>The object id.</summary>
    public string? Id { get; init; }

    /// <summary>The relation.</summary>
    public string? Relation { get; init; }
}

/// <summary>Every user of a type, found by ListUsers.</summary>
internal sealed record TypedWildcard
{
    /// <summary>The type.</summary>
    public string? Type { get; init; }
}
