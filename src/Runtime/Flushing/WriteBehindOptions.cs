using TypedFga.Outbox;

namespace TypedFga.Flushing;

/// <summary>
/// Settings of the durable write-behind outbox and its flusher, bound from <c>Fga:WriteBehind</c>.
/// </summary>
public sealed class WriteBehindOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Fga:WriteBehind";

    /// <summary>The outbox file name used when <see cref="Outbox"/> is not set.</summary>
    public const string DefaultFileName = "outbox.db";

    /// <summary>Where pending operations are kept. Default <see cref="OutboxStoreKind.Sqlite"/>.</summary>
    public OutboxStoreKind Store { get; set; } = OutboxStoreKind.Sqlite;

    /// <summary>
    /// The Npgsql connection string of the shared outbox when <see cref="Store"/> is <see cref="OutboxStoreKind.PostgreSql"/>.
    /// Every node of the application, and any separate worker, must point at the same database.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The name of an entry of the <c>ConnectionStrings</c> configuration section to use when
    /// <see cref="ConnectionString"/> is not set.
    /// </summary>
    public string? ConnectionStringName { get; set; }

    /// <summary>What an acknowledged operation survives in a SQLite outbox. Default <see cref="OutboxDurability.Normal"/>.</summary>
    public OutboxDurability Durability { get; set; } = OutboxDurability.Normal;

    /// <summary>
    /// The path of the SQLite outbox file. Default (null): <c>TypedFga/&lt;application&gt;/outbox.db</c> under the user's
    /// local application data folder (<c>~/.local/share</c> on Linux, <c>%LOCALAPPDATA%</c> on Windows).
    /// </summary>
    /// <remarks>
    /// Keep the file outside the application's content root: the host watches that folder for configuration
    /// changes, and every write to the outbox's log would wake the watcher. Processes that share one outbox
    /// (a web application and a separate worker) must point at the same path.
    /// </remarks>
    public string? Outbox { get; set; }

    /// <summary>
    /// What a write-behind grant or revoke does on a relation the model marks <c># @critical</c>. Default
    /// <see cref="CriticalRelationPolicy.WriteThrough"/>.
    /// </summary>
    public CriticalRelationPolicy CriticalRelations { get; set; } = CriticalRelationPolicy.WriteThrough;

    /// <summary>The number of pending operations that starts a flush at once. Default 100.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>The longest an operation waits before a periodic flush sends it. Default 5 seconds.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most tuples (writes and deletes together) in one Write request. Default 100, OpenFGA's limit.</summary>
    public int MaxTuplesPerWrite { get; set; } = 100;

    /// <summary>The most Write requests in flight at once during a flush. Default 10.</summary>
    public int MaxParallelRequests { get; set; } = 10;

    /// <summary>
    /// The delays before the retries of a transiently failed operation: the first retry waits the first entry,
    /// and the last entry repeats. Default 10 s, 30 s, 60 s.
    /// </summary>
    public IList<TimeSpan> Backoff { get; set; } = [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60)];

    /// <summary>
    /// The number of attempts after which a failing operation moves to the dead letters. Default 0: never give up.
    /// </summary>
    public int MaxAttempts { get; set; }

    /// <summary>How long one Write request may take before it counts as a transient failure. Default 30 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a flusher owns the operations it claimed. Another process takes over operations whose lease
    /// has expired (their flusher crashed). No request is started later than one <see cref="RequestTimeout"/>
    /// before the lease ends. Default 2 minutes; at least twice <see cref="RequestTimeout"/>.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The outbox path in effect: <see cref="Outbox"/>, or the default location when it is not set.</summary>
    public string ResolveOutboxPath() =>
        string.IsNullOrWhiteSpace(Outbox) ? DefaultOutboxPath() : Path.GetFullPath(Outbox);

    /// <summary>The retry delay after the <paramref name="attempt"/>-th failed attempt (1-based).</summary>
    public TimeSpan GetBackoff(int attempt)
    {
        if (Backoff.Count == 0)
        {
            return TimeSpan.Zero;
        }

        return Backoff[Math.Clamp(attempt - 1, 0, Backoff.Count - 1)];
    }

    private static string DefaultOutboxPath()
    {
        var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        if (string.IsNullOrEmpty(root))
        {
            root = Path.GetTempPath();
        }

        var application = AppDomain.CurrentDomain.FriendlyName;
        foreach (var invalid in Path.GetInvalidFileNameChars())
        {
            application = application.Replace(invalid, '_');
        }

        return Path.Combine(root, "TypedFga", string.IsNullOrEmpty(application) ? "default" : application, DefaultFileName);
    }
}
