namespace TypedFga.Flushing;

/// <summary>What one flush did.</summary>
/// <param name="Writes">Tuples written (or found already present on a server older than 1.10).</param>
/// <param name="Deletes">Tuples deleted (or found already absent on a server older than 1.10).</param>
/// <param name="Failed">Operations that failed transiently and were rescheduled.</param>
/// <param name="DeadLettered">Operations moved to the dead letters.</param>
/// <param name="Superseded">Operations dropped because a later operation on the same tuple replaced them.</param>
public readonly record struct FlushResult(int Writes, int Deletes, int Failed, int DeadLettered, int Superseded)
{
    /// <summary>A flush that found nothing to do.</summary>
    public static FlushResult Empty => default;

    /// <summary>
    /// Operations whose lease this flush took back from a flusher on this machine whose process had ended. Taking
    /// over is not an outcome: the same operations are counted again by what became of them (Writes, Superseded, ...).
    /// </summary>
    public int TakenOver { get; init; }

    /// <summary>Tuples sent successfully.</summary>
    public int Sent => Writes + Deletes;
}
