namespace TypedFga.Flushing;

/// <summary>Where the write-behind outbox keeps pending operations (<c>Fga:WriteBehind:Store</c>).</summary>
public enum OutboxStoreKind
{
    /// <summary>A SQLite file on this machine: no setup, for one node (and workers on the same machine).</summary>
    Sqlite,

    /// <summary>
    /// A PostgreSQL database that many application nodes share: one order per tuple across nodes, and read-your-writes
    /// on every node for writes acknowledged on any of them.
    /// </summary>
    PostgreSql,
}
