namespace TypedFga.Embedded;

/// <summary>Settings of the embedded engine. The limits default to OpenFGA's server defaults.</summary>
public sealed class EmbeddedOpenFgaOptions
{
    /// <summary>
    /// The SQLite connection string; the database is put in WAL mode. A file path (outside a web app's content
    /// root) persists the stores. The default, <c>Data Source=:memory:</c> (as any in-memory connection string),
    /// keeps them for the engine's lifetime only: in a private temporary file, with <c>synchronous=OFF</c>,
    /// deleted on <see cref="EmbeddedOpenFga.Dispose"/>. A file rather than SQLite's in-memory database, because
    /// that one serves a single connection (or, shared, one statement at a time), and reads run in parallel only
    /// on separate connections to a WAL database.
    /// </summary>
    public string ConnectionString { get; set; } = "Data Source=:memory:";

    /// <summary>
    /// SQLite's <c>synchronous</c> setting for a file database: <c>NORMAL</c> (default with WAL), <c>FULL</c> or
    /// <c>OFF</c>. The temporary file of the in-memory default always uses <c>OFF</c>.
    /// </summary>
    public string Synchronous { get; set; } = "NORMAL";

    /// <summary>
    /// Read connections kept open between requests (default: twice the processor count, at least 8). Each read
    /// runs on a connection of its own; when more reads run at once, extra connections are opened for them and
    /// closed afterwards. Reads in flight outnumber the processors whenever threads are preempted mid-read.
    /// </summary>
    public int ReadConnections { get; set; } = Math.Max(8, 2 * Environment.ProcessorCount);

    /// <summary>Tuples per Write, writes and deletes together (OpenFGA: <c>OPENFGA_MAX_TUPLES_PER_WRITE</c>).</summary>
    public int MaxTuplesPerWrite { get; set; } = 100;

    /// <summary>Resolution depth of Check (OpenFGA: <c>OPENFGA_RESOLVE_NODE_LIMIT</c>).</summary>
    public int ResolveNodeLimit { get; set; } = 25;

    /// <summary>Checks per BatchCheck (OpenFGA: <c>OPENFGA_MAX_CHECKS_PER_BATCH_CHECK</c>).</summary>
    public int MaxChecksPerBatchCheck { get; set; } = 50;

    /// <summary>Type definitions per model (OpenFGA: <c>OPENFGA_MAX_TYPES_PER_AUTHORIZATION_MODEL</c>).</summary>
    public int MaxTypesPerAuthorizationModel { get; set; } = 100;

    /// <summary>Size of a model's JSON in bytes (OpenFGA: <c>OPENFGA_MAX_AUTHORIZATION_MODEL_SIZE_IN_BYTES</c>).</summary>
    public int MaxAuthorizationModelSizeInBytes { get; set; } = 256 * 1024;

    /// <summary>Results of ListObjects (OpenFGA: <c>OPENFGA_LIST_OBJECTS_MAX_RESULTS</c>).</summary>
    public int ListObjectsMaxResults { get; set; } = 1000;

    /// <summary>Results of ListUsers (OpenFGA: <c>OPENFGA_LIST_USERS_MAX_RESULTS</c>).</summary>
    public int ListUsersMaxResults { get; set; } = 1000;

    /// <summary>Contextual tuples per query (fixed at 100 by OpenFGA's API).</summary>
    public int MaxContextualTuples { get; set; } = 100;

    /// <summary>Page size limit of ReadChanges (OpenFGA: <c>OPENFGA_READ_CHANGES_MAX_PAGE_SIZE</c>).</summary>
    public int ReadChangesMaxPageSize { get; set; } = 100;

    /// <summary>The clock for timestamps and ids.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
