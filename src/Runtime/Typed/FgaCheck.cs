namespace TypedFga.Typed;

/// <summary>
/// One check made through the generated API and not yet asked: <c>Fga.Document(1).CanView.For(Fga.User("anne"))</c>.
/// Pass several to <c>Fga.BatchCheck</c> to ask them in one request; the answer is keyed by the check.
/// </summary>
public readonly struct FgaCheck : IEquatable<FgaCheck>
{
    /// <summary>Creates the check.</summary>
    /// <param name="query">The check.</param>
    /// <param name="client">The client bound with <c>Fga.Using(client)</c>, or null to use the batch's client.</param>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    public FgaCheck(CheckQuery query, IFgaClient? client)
    {
        ArgumentNullException.ThrowIfNull(query);
        Query = query;
        Client = client;
    }

    /// <summary>The check as <see cref="IFgaClient.BatchCheckAsync"/> takes it.</summary>
    public CheckQuery Query { get; }

    /// <summary>The client the check is bound to; null when it goes to the batch's client.</summary>
    public IFgaClient? Client { get; }

    /// <summary>True when both are the same check (same query, same bound client).</summary>
    public bool Equals(FgaCheck other) => Equals(Query, other.Query) && ReferenceEquals(Client, other.Client);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is FgaCheck other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Query?.GetHashCode() ?? 0;

    /// <summary>The check as <c>object#relation@user</c>.</summary>
    public override string ToString() => Query is null ? string.Empty : $"{Query.Object}#{Query.Relation}@{Query.User}";
}
