namespace TypedFga.Wire;

/// <summary>CreateStore's body.</summary>
/// <remarks>
/// Public, as are <see cref="Store"/> and <see cref="WriteAuthorizationModelResponse"/>: the store and model
/// administration of the embedded engine (<c>TypedFga.Embedded.EmbeddedOpenFga</c>) and <see cref="TypedFga.OpenFga.OpenFgaHttpClient"/>
/// is public, so that a program or test without the hosting can set up a store for an
/// <c>TypedFga.Embedded.EmbeddedFgaClient</c>. Every other contract is internal.
/// </remarks>
public sealed record CreateStoreRequest
{
    /// <summary>The store's name (3 to 64 characters).</summary>
    public string? Name { get; init; }
}

/// <summary>
/// A store: the answer of CreateStore (which has no <see cref="DeletedAt"/>) and GetStore, and an item of ListStores.
/// </summary>
/// <remarks>Public for the store administration; see <see cref="CreateStoreRequest"/>.</remarks>
public sealed record Store
{
    // OpenFGA always sends the strings; a null reads as empty, as protojson reads it.

    /// <summary>The store's id (a ULID).</summary>
    public string Id { get; init => field = value ?? ""; } = "";

    /// <summary>The store's name.</summary>
    public string Name { get; init => field = value ?? ""; } = "";

    /// <summary>When it was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When it was last changed.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>When it was deleted; null for a live store.</summary>
    public DateTimeOffset? DeletedAt { get; init; }
}

/// <summary>ListStores' page.</summary>
internal sealed record ListStoresResponse
{
    /// <summary>The stores of this page.</summary>
    public IReadOnlyList<Store> Stores { get; init => field = value ?? []; } = [];

    /// <summary>The token of the next page, or empty.</summary>
    public string ContinuationToken { get; init => field = value ?? ""; } = "";
}
