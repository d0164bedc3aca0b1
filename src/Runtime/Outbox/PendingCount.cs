namespace TypedFga.Outbox;

/// <summary>How many operations wait in the outbox.</summary>
/// <param name="Writes">Pending grants.</param>
/// <param name="Deletes">Pending revokes.</param>
public readonly record struct PendingCount(long Writes, long Deletes)
{
    /// <summary>All pending operations.</summary>
    public long Total => Writes + Deletes;
}
