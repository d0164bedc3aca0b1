namespace TypedFga.Outbox;

/// <summary>What an acknowledged Grant or Revoke survives.</summary>
public enum OutboxDurability
{
    /// <summary>
    /// A killed process (SQLite WAL with <c>synchronous=NORMAL</c>). A power loss or an operating-system
    /// crash may lose the last few commits. About fifteen times faster than <see cref="Full"/>.
    /// </summary>
    Normal = 0,

    /// <summary>A killed process and a power loss (<c>synchronous=FULL</c>: the log is synced on every commit).</summary>
    Full = 1,
}
