using Dapper;
using Microsoft.Data.Sqlite;

namespace TypedFga.Embedded.Storage;

/// <summary>
/// The reads of one SQLite connection, with that connection's own prepared statements: the hot tuple reads of
/// Check and the listings through prepared commands, stores and models through Dapper. A reader serves one
/// request at a time. A pooled reader (<see cref="FgaReaderPool"/>) owns its connection and runs each request
/// inside a snapshot (<see cref="BeginSnapshot"/>); the writer's reader shares the writer's connection and
/// joins its transaction when it has one (<see cref="Enlist"/>).
/// </summary>
internal sealed partial class FgaReader : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly bool _ownsConnection;
    private readonly SqliteCommand _begin;
    private readonly SqliteCommand _commit;
    private SqliteTransaction? _transaction;

    public FgaReader(SqliteConnection connection, bool ownsConnection)
    {
        _connection = connection;
        _ownsConnection = ownsConnection;

        // A plain BEGIN rather than SqliteConnection.BeginTransaction: Microsoft.Data.Sqlite would then require
        // every prepared command to carry the transaction object. A deferred BEGIN takes the snapshot at the
        // request's first read, so the request sees every Write that returned before it started.
        _begin = Prepare("BEGIN DEFERRED");
        _commit = Prepare("COMMIT");
        _readUserTuple = Prepare(
            "SELECT condition_name, condition_context FROM fga_tuple WHERE store_id = $store AND object_type = $ot AND object_id = $oi AND relation = $rel AND user_type = $ut AND user_id = $ui AND user_relation = $ur",
            "$store", "$ot", "$oi", "$rel", "$ut", "$ui", "$ur");
        _readUsersetTuples = Prepare(
            "SELECT user_type, user_id, user_relation, condition_name, condition_context FROM fga_tuple WHERE store_id = $store AND object_type = $ot AND object_id = $oi AND relation = $rel AND user_relation <> ''",
            "$store", "$ot", "$oi", "$rel");
        _readTuples = Prepare(
            "SELECT user_type, user_id, user_relation, condition_name, condition_context FROM fga_tuple WHERE store_id = $store AND object_type = $ot AND object_id = $oi AND relation = $rel",
            "$store", "$ot", "$oi", "$rel");
        _readObjectsByUser = Prepare(
            "SELECT object_id FROM fga_tuple WHERE store_id = $store AND object_type = $ot AND relation = $rel AND user_type = $ut AND user_id = $ui AND user_relation = $ur",
            "$store", "$ot", "$rel", "$ut", "$ui", "$ur");
        _readStore = Prepare(
            "SELECT id, name, created_at, updated_at, deleted_at FROM fga_store WHERE id = $id AND deleted_at IS NULL",
            "$id");
    }

    /// <summary>True while the connection is outside any transaction, so the reader can serve another request.</summary>
    public bool IsIdle => SQLitePCL.raw.sqlite3_get_autocommit(_connection.Handle) != 0;

    /// <summary>
    /// Starts the request's read transaction: all its reads see one committed state of the database, never part
    /// of a Write (a Write is one transaction) and never a mix of the states before and after one.
    /// </summary>
    public void BeginSnapshot() => _begin.ExecuteNonQuery();

    /// <summary>Ends the read transaction, so that the next request sees the latest commit.</summary>
    public void EndSnapshot() => _commit.ExecuteNonQuery();

    /// <summary>Runs the reads inside the writer's transaction (or outside any, with null).</summary>
    public void Enlist(SqliteTransaction? transaction)
    {
        _transaction = transaction;
        foreach (var command in Commands())
        {
            command.Transaction = transaction;
        }
    }

    public void Dispose()
    {
        foreach (var command in Commands())
        {
            command.Dispose();
        }

        _begin.Dispose();
        _commit.Dispose();
        if (_ownsConnection)
        {
            _connection.Dispose();
        }
    }

    public StoreRow? GetStore(string id)
    {
        _readStore.Parameters[0].Value = id;
        using var reader = _readStore.ExecuteReader();
        return reader.Read()
            ? new StoreRow(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.IsDBNull(4) ? null : reader.GetInt64(4))
            : null;
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

    private IEnumerable<SqliteCommand> Commands() =>
        [_readUserTuple, _readUsersetTuples, _readTuples, _readObjectsByUser, _readStore];

    private SqliteCommand Prepare(string sql, params string[] parameters) => PreparedCommand.Create(_connection, sql, parameters);
}

/// <summary>A row of <c>fga_store</c>.</summary>
internal sealed record StoreRow(string Id, string Name, long CreatedAt, long UpdatedAt, long? DeletedAt);

/// <summary>A row of <c>fga_model</c>.</summary>
internal sealed record ModelRow(string Id, string Body);
