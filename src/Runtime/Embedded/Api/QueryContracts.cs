using System.Text.Json.Nodes;

namespace TypedFga.Embedded.Api;

/// <summary>Check's body.</summary>
public sealed record CheckRequest
{
    /// <summary>The question: does <c>user</c> have <c>relation</c> on <c>object</c>?</summary>
    public ApiTupleKey? TupleKey { get; init; }

    /// <summary>Tuples considered for this check only.</summary>
    public ContextualTupleKeys? ContextualTuples { get; init; }

    /// <summary>The model to use; the latest when empty.</summary>
    public string? AuthorizationModelId { get; init; }

    /// <summary>Values for condition parameters; a tuple's own context wins on conflict.</summary>
    public JsonObject? Context { get; init; }

    /// <summary>Accepted for compatibility; the embedded engine is always consistent.</summary>
    public string? Consistency { get; init; }
}

/// <summary>Check's answer.</summary>
public sealed record CheckResponse
{
    /// <summary>Whether the relationship holds.</summary>
    public bool Allowed { get; init; }

    /// <summary>Always empty.</summary>
    public string Resolution { get; init; } = "";
}

/// <summary>BatchCheck's body.</summary>
public sealed record BatchCheckRequest
{
    /// <summary>The checks (1 to 50), each with a unique correlation id.</summary>
    public IReadOnlyList<BatchCheckItem>? Checks { get; init; }

    /// <summary>The model to use; the latest when empty.</summary>
    public string? AuthorizationModelId { get; init; }

    /// <summary>Accepted for compatibility.</summary>
    public string? Consistency { get; init; }
}

/// <summary>One check of a BatchCheck.</summary>
public sealed record BatchCheckItem
{
    /// <summary>The question.</summary>
    public ApiTupleKey? TupleKey { get; init; }

    /// <summary>Tuples considered for this check only.</summary>
    public ContextualTupleKeys? ContextualTuples { get; init; }

    /// <summary>Values for condition parameters.</summary>
    public JsonObject? Context { get; init; }

    /// <summary>Matches the answer to the question: <c>^[\w\d-]{1,36}$</c>, unique in the batch.</summary>
    public string? CorrelationId { get; init; }
}

/// <summary>BatchCheck's answer: one result per correlation id.</summary>
public sealed record BatchCheckResponse
{
    /// <summary>The results, by correlation id.</summary>
    public IReadOnlyDictionary<string, BatchCheckSingleResult> Result { get; init; } = new Dictionary<string, BatchCheckSingleResult>();
}

/// <summary>The answer to one check of a batch: either <see cref="Allowed"/> or <see cref="Error"/>.</summary>
public sealed record BatchCheckSingleResult
{
    /// <summary>Whether the relationship holds; null when the check failed.</summary>
    public bool? Allowed { get; init; }

    /// <summary>Why the check failed.</summary>
    public BatchCheckError? Error { get; init; }
}

/// <summary>A failed check of a batch.</summary>
public sealed record BatchCheckError
{
    /// <summary>The input error's code name, e.g. <c>validation_error</c>.</summary>
    public string? InputError { get; init; }

    /// <summary>The internal error's code name.</summary>
    public string? InternalError { get; init; }

    /// <summary>The message.</summary>
    public string? Message { get; init; }
}

/// <summary>ListObjects' body.</summary>
public sealed record ListObjectsRequest
{
    /// <summary>The model to use; the latest when empty.</summary>
    public string? AuthorizationModelId { get; init; }

    /// <summary>The object type to list.</summary>
    public string? Type { get; init; }

    /// <summary>The relation the user must have.</summary>
    public string? Relation { get; init; }

    /// <summary>The user.</summary>
    public string? User { get; init; }

    /// <summary>Tuples considered for this query only.</summary>
    public ContextualTupleKeys? ContextualTuples { get; init; }

    /// <summary>Values for condition parameters.</summary>
    public JsonObject? Context { get; init; }

    /// <summary>Accepted for compatibility.</summary>
    public string? Consistency { get; init; }
}

/// <summary>ListObjects' answer (unordered, at most the configured maximum).</summary>
public sealed record ListObjectsResponse
{
    /// <summary>The objects, <c>type:id</c>.</summary>
    public IReadOnlyList<string> Objects { get; init; } = [];
}

/// <summary>ListUsers' body.</summary>
public sealed record ListUsersRequest
{
    /// <summary>The model to use; the latest when empty.</summary>
    public string? AuthorizationModelId { get; init; }

    /// <summary>The object.</summary>
    public FgaObject? Object { get; init; }

    /// <summary>The relation.</summary>
    public string? Relation { get; init; }

    /// <summary>Exactly one filter: the user type, and a relation for usersets.</summary>
    public IReadOnlyList<UserTypeFilter>? UserFilters { get; init; }

    /// <summary>Tuples considered for this query only (a plain array in this API).</summary>
    public IReadOnlyList<ApiTupleKey>? ContextualTuples { get; init; }

    /// <summary>Values for condition parameters.</summary>
    public JsonObject? Context { get; init; }

    /// <summary>Accepted for compatibility.</summary>
    public string? Consistency { get; init; }
}

/// <summary>An object as a type and an id.</summary>
public sealed record FgaObject
{
    /// <summary>The type.</summary>
    public string? Type { get; init; }

    /// <summary>The id.</summary>
    public string? Id { get; init; }
}

/// <summary>A ListUsers filter: <c>user</c> or <c>group#member</c>.</summary>
public sealed record UserTypeFilter
{
    /// <summary>The user type.</summary>
    public string? Type { get; init; }

    /// <summary>The userset relation, if any.</summary>
    public string? Relation { get; init; }
}

/// <summary>ListUsers' answer.</summary>
public sealed record ListUsersResponse
{
    /// <summary>The users.</summary>
    public IReadOnlyList<ListedUser> Users { get; init; } = [];
}

/// <summary>One user found by ListUsers: exactly one member is set.</summary>
public sealed record ListedUser
{
    /// <summary>An object user, <c>user:anne</c>.</summary>
    public FgaObject? Object { get; init; }

    /// <summary>A userset, <c>group:eng#member</c>.</summary>
    public ListedUserset? Userset { get; init; }

    /// <summary>A typed wildcard, <c>user:*</c>.</summary>
    public ListedWildcard? Wildcard { get; init; }

    /// <summary>The user in tuple notation: <c>user:anne</c>, <c>group:eng#member</c> or <c>user:*</c>.</summary>
    public override string ToString() =>
        Object is not null ? $"{Object.Type}:{Object.Id}"
        : Userset is not null ? $"{Userset.Type}:{Userset.Id}#{Userset.Relation}"
        : $"{Wildcard?.Type}:*";
}

/// <summary>A userset found by ListUsers.</summary>
public sealed record ListedUserset
{
    /// <summary>The type.</summary>
    public string? Type { get; init; }

    /// <summary>The id.</summary>
    public string? Id { get; init; }

    /// <summary>The relation.</summary>
    public string? Relation { get; init; }
}

/// <summary>A typed wildcard found by ListUsers.</summary>
public sealed record ListedWildcard
{
    /// <summary>The type.</summary>
    public string? Type { get; init; }
}

/// <summary>Expand's body.</summary>
public sealed record ExpandRequest
{
    /// <summary>The object and relation to expand (user is unused).</summary>
    public ApiTupleKey? TupleKey { get; init; }

    /// <summary>The model to use; the latest when empty.</summary>
    public string? AuthorizationModelId { get; init; }

    /// <summary>Tuples considered for this query only.</summary>
    public ContextualTupleKeys? ContextualTuples { get; init; }

    /// <summary>Accepted for compatibility.</summary>
    public string? Consistency { get; init; }
}
