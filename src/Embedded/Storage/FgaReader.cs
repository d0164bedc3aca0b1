using Dapper;
using Microsoft.Data.Sqlite;

namespace TypedFga.Embedded.Storage;

/// <summary>
/// The reads of one SQLite connection, with that connection's own prepared statements: the store and tuple
/// reads every check makes through native statements (<see cref="NativeStatement"/>), listings of stores and
/// models, Read and ReadChanges through Dapper. A reader serves one request at a time. A pooled reader
/// (<see cref="FgaReaderPool"/>) owns its connection and runs each request inside a snapshot
/// (<see cref="BeginSnapshot"/>); the writer's reader shares the writer's connection and joins its transaction
/// when it has one (<see cref="Enlist"/>).
/// </summary>
internal sealed partial class FgaReader : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly bool _ownsConnection;
    private readonly NativeStatement _begin;
    private readonly NativeStatement _commit;
    private SqliteTransaction? _transaction;

    public FgaReader(SqliteConnection connection, bool ownsConnection)
    {
        _connection = connection;
        _ownsConnection = ownsConnection;

        // A plain BEGIN rather than SqliteConnection.BeginTransaction, which the native statements would not
        // see. A deferred BEGIN takes the snapshot at the request's first read, so the request sees every
        // Write that returned before it started.
        _begin = new NativeStatement(connection, "BEGIN DEFERRED");
        _commit = new NativeStatement(connection, "COMMIT");
        _readUserTuple = new NativeStatement(
            connection,
            "SELECT condition_name, condition_context FROM fga_tuple WHERE store_id = ?1 AND object_type = ?2 AND object_id = ?3 AND relation = ?4 AND user_type = ?5 AND user_id = ?6 AND user_relation = ?7");
        _readUsersetTuples = new NativeStatement(
            connection,
            "SELECT user_type, user_id, user_relation, condition_name, condition_context FROM fga_tuple WHERE store_id = ?1 AND object_type = ?2 AND object_id = ?3 AND relation = ?4 AND user_relation <> ''");
        _readTuples = new NativeStatement(
            connection,
            "SELECT user_type, user_id, user_relation, condition_name, condition_context FROM fga_tuple WHERE store_id = ?1 AND object_type = ?2 AND object_id = ?3 AND relation = ?4");
        _readObjectsByUser = new NativeStatement(
            connection,
            "SELECT object_id FROM fga_tuple WHERE store_id = ?1 AND object_type = ?2 AND relation = ?3 AND user_type = ?4 AND user_id = ?5 AND user_relation = ?6");
        _readStore = new NativeStatement(
            connection,
            "SELECT id, name, created_at, updated_at, deleted_at FROM fga_store WHERE id = ?1 AND deleted_at IS NULL");
    }

    /// <summary>True while the connection is outside any transaction, so the reader can serve another request.</summary>
    public bool IsIdle => SQLitePCL.raw.sqlite3_get_autocommit(_connection.Handle) != 0;

    /// <summary>
    /// Starts the request's read transaction: all its reads see one committed state of the database, never part
    /// of a Write (a Write is one transaction) and never a mix of the states before and after one.
    /// </summary>
    public void BeginSnapshot() => _begin.Execute();

    /// <summary>Ends the read transaction, so that the next request sees the latest commit.</summary>
    public void EndSnapshot() => _commit.Execute();

    /// <summary>
    /// Runs the Dapper reads inside the writer's transaction (or outside any, with null); the native statements
    /// run inside whatever transaction their connection has.
    /// </summary>
    public void Enlist(SqliteTransaction? transaction) => _transaction = transaction;

    public void Dispose()
    {
        // Statements are finalized before their connection closes.
        foreach (var statement in new[] { _begin, _commit, _readUserTuple, _readUsersetTuples, _readTuples, _readObjectsByUser, _readStore })
        {
            statement.Dispose();
        }

        if (_ownsConnection)
        {
            _connection.Dispose();
        }
    }

    public IReadOnlyList<StoreRow> ListStores(string? name, string? afterId, int limit) =>
        _connection.Query<StoreRow>(
            """
            SELECT id AS Id, name AS Name, created_at AS CreatedAt, updated_at AS UpdatedAt, deleted_at AS DeletedAt
            FROM fga_store
            WHERE deleted_at IS NULL AND (@name IS NULL OR name = @name) AND (@afterId IS NULL OR id > @afterId)
            ORDER BY id LIMIT @limit
            """,
            new { name, afterId, limit },
            _transaction).AsList();

    public string? GetModelBody(string storeId, string id) =>
        _connection.QuerySingleOrDefault<string>(
            "SELECT body FROM fga_model WHERE store_id = @storeId AND id = @id", new { storeId, id }, _transaction);

    public (string Id, string Body)? GetLatestModel(string storeId)
    {
        var row = _connection.QuerySingleOrDefault<ModelRow>(
            "SELECT id AS Id, body AS Body FROM fga_model WHERE store_id = @storeId ORDER BY id DESC LIMIT 1", new { storeId }, _transaction);
        return row is null ? null : (row.Id, row.Body);
    }

    public IReadOnlyList<ModelRow> ListModels(string storeId, string? beforeId, int limit) =>
        _connection.Query<ModelRow>(
            "SELECT id AS Id, body AS Body FROM fga_model WHERE store_id = @storeId AND (@beforeId IS NULL OR id < @beforeId) ORDER BY id DESC LIMIT @limit",
            new { storeId, beforeId, limit },
            _transaction).AsList();
}

/// <summary>A row of <c>fga_store</c>.</summary>
internal sealed record StoreRow(string Id, string Name, long CreatedAt, long UpdatedAt, long? DeletedAt);

/// <summary>A row of <c>fga_model</c>.</summary>
internal sealed record ModelRow(string Id, string Body);
