using System.Text.Json.Serialization;

namespace TypedFga.OpenFga.Contracts;

/// <summary>An OpenFGA store, as returned by GetStore and ListStores.</summary>
public sealed record Store
{
    /// <summary>The store id (a ULID).</summary>
    [JsonPropertyName("id")] public string? Id { get; init; }

    /// <summary>The store's display name.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>When the store was created.</summary>
    [JsonPropertyName("created_at")] public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the store was last updated.</summary>
    [JsonPropertyName("updated_at")] public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>When the store was deleted; null for a live store.</summary>
    [JsonPropertyName("deleted_at")] public DateTimeOffset? DeletedAt { get; init; }
}

/// <summary>The body of CreateStore.</summary>
public sealed record CreateStoreRequest
{
    /// <summary>The new store's name (3 to 64 characters).</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }
}

/// <summary>The answer of CreateStore.</summary>
public sealed record CreateStoreResponse
{
    /// <summary>The new store's id.</summary>
    [JsonPropertyName("id")] public string? Id { get; init; }

    /// <summary>The new store's name.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>When the store was created.</summary>
    [JsonPropertyName("created_at")] public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the store was last updated.</summary>
    [JsonPropertyName("updated_at")] public DateTimeOffset? UpdatedAt { get; init; }
}

/// <summary>One page of ListStores.</summary>
public sealed record ListStoresResponse
{
    /// <summary>The stores of this page.</summary>
    [JsonPropertyName("stores")] public IReadOnlyList<Store>? Stores { get; init; }

    /// <summary>The token of the next page; empty when this is the last one.</summary>
    [JsonPropertyName("continuation_token")] public string? ContinuationToken { get; init; }
}
