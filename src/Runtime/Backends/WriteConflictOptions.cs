namespace TypedFga.Backends;

/// <summary>
/// OpenFGA's <c>on_duplicate</c> / <c>on_missing</c> settings of a Write. Ignoring both makes a replayed
/// write harmless, which is what the write-behind flusher relies on.
/// </summary>
/// <param name="IgnoreDuplicateWrites">Send <c>on_duplicate: ignore</c> instead of failing on an existing tuple.</param>
/// <param name="IgnoreMissingDeletes">Send <c>on_missing: ignore</c> instead of failing on an absent tuple.</param>
public readonly record struct WriteConflictOptions(bool IgnoreDuplicateWrites, bool IgnoreMissingDeletes)
{
    /// <summary>OpenFGA's defaults: both conflicts are errors.</summary>
    public static WriteConflictOptions Strict => new(false, false);

    /// <summary>Both conflicts ignored: idempotent writes.</summary>
    public static WriteConflictOptions Idempotent => new(true, true);
}
