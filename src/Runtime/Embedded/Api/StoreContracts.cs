namespace TypedFga.Embedded.Api;

/// <summary>CreateStore's body.</summary>
public sealed record CreateStoreRequest
{
    /// <summary>The store's name (3 to 64 characters).</summary>
    public string? Name { get; init; }
}

/// <summary>A store.</summary>
public sealed record StoreInfo
{
    /// <summary>The store's id (a ULID).</summary>
    public string Id { get; init; } = "";

    /// <summary>The store's name.</summary>
    public string Name { get; init; } = "";

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When it was deleted; null for a live store.</summary>
    public DateTimeOffset? DeletedAt { get; init; }
}

/// <summary>ListStores' page.</summary>
public sealed record ListStoresResponse
{
    /// <summary>The stores of this page.</summary>
    public IReadOnlyList<StoreInfo> Stores { get; init; } = [];

    /// <summary>The token of the next page, or empty.</summary>
    public string ContinuationToken { get; init; } = "";
}

/// <summary>WriteAuthorizationModel's answer.</summary>
public sealed record WriteAuthorizationModelResponse
{
    /// <summary>The new model's id.</summary>
    public string AuthorizationModelId { get; init; } = "";
}

/// <summary>ReadAuthorizationModel's answer.</summary>
public sealed record ReadAuthorizationModelResponse
{
    /// <summary>The model.</summary>
    public AuthorizationModel? AuthorizationModel { get; init; }
}

/// <summary>ReadAuthorizationModels' page, newest first.</summary>
public sealed record ReadAuthorizationModelsResponse
{
    /// <summary>The models of this page.</summary>
    public IReadOnlyList<AuthorizationModel> AuthorizationModels { get; init; } = [];

    /// <summary>The token of the next page, or empty.</summary>
    public string ContinuationToken { get; init; } = "";
}
