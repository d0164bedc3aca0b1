namespace TypedFga.Outbox;

/// <summary>
/// Finds the PostgreSQL outbox when the application references <c>TypedFga.PostgreSql</c>: an application on one
/// node's SQLite file ships neither it nor Npgsql.
/// </summary>
internal static class SharedOutboxDiscovery
{
    private const string ProviderType = "TypedFga.Outbox.PostgreSql.PostgreSqlOutboxProvider, TypedFga.PostgreSql";

    /// <summary>The reason a host configured for the shared outbox without the package refuses to start.</summary>
    public const string MissingPackageMessage = "Store is PostgreSql: reference the TypedFga.PostgreSql package, which holds the shared outbox.";

    /// <summary>The shared outbox's provider, or null when the assembly is not there.</summary>
    public static ISharedOutboxProvider? Find() =>
        Type.GetType(ProviderType, throwOnError: false) is { } type
            ? (ISharedOutboxProvider)Activator.CreateInstance(type, nonPublic: true)!
            : null;
}
