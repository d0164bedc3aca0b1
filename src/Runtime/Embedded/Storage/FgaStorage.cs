using Dapper;
using Microsoft.Data.Sqlite;

namespace TypedFga.Embedded.Storage;

/// <summary>
/// The engine's SQLite database: one connection, used under the engine's lock (SQLite has one writer, and the
/// connection's prepared statements are reused by every Check). Stores and models go through Dapper; the hot
/// tuple reads use prepared commands.
/// </summary>
internal sealed partial class FgaStorage : IDisposable
{
    private readonly SqliteConnection _connection;

    public FgaStorage(string connectionString, string synchronous)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        var inMemory = _connection.DataSource is ":memory:" or "" || connectionString.Contains("Mode=Memory", StringComparison.OrdinalIgnoreCase);
        _connection.Execute(inMemory ? "PRAGMA journal_mode=MEMORY;" : "PRAGMA journal_mode=WAL;");
        _connection.Execute($"PRAGMA synchronous={synchronous};");
        _connection.Execute("PRAGMA temp_store=MEMORY;");
        _connection.Execute(FgaSchema.Create);
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
        _insertTuple = PrepareWrites(out _deleteTuple, out _insertChange);
    }

    private SqliteCommand PrepareWrites(out SqliteCommand deleteTuple, out SqliteCommand insertChange)
    {
        deleteTuple = Prepare(
            "DELETE FROM fga_tuple WHERE store_id = $store AND object_type = $ot AND object_id = $oi AND relation = $rel AND user_type = $ut AND user_id = $ui AND user_relation = $ur",
            "$store", "$ot", "$oi", "$rel", "$ut", "$ui", "$ur");
        insertChange = Prepare(
            "INSERT INTO fga_change (store_id, object_type, object_id, relation, user_value, condition_name, condition_context, operation, changed_at) VALUES ($store, $ot, $oi, $rel, $user, $cn, $cc, $op, $at)",
            "$store", "$ot", "$oi", "$rel", "$user", "$cn", "$cc", "$op", "$at");
        return Prepare(
            "INSERT INTO fga_tuple (store_id, object_type, object_id, relation, user_type, user_id, user_relation, condition_name, condition_context, inserted_at) VALUES ($store, $ot, $oi, $rel, $ut, $ui, $ur, $cn, $cc, $at)",
            "$store", "$ot", "$oi", "$rel", "$ut", "$ui", "$ur", "$cn", "$cc", "$at");
    }

    public void Dispose()
    {
        _readUserTuple.Dispose();
        _readUsersetTuples.Dispose();
        _readTuples.Dispose();
        _readObjectsByUser.Dispose();
        _insertTuple.Dispose();
        _deleteTuple.Dispose();
        _insertChange.Dispose();
        _connection.Dispose();
    }

    public void InsertStore(string id, string name, long now) =>
        _connection.Execute(
            "INSERT INTO fga_store (id, name, created_at, updated_at) VALUES (@id, @name, @now, @now)",
            new { id, name, now });

    public StoreRow? GetStore(string id) =>
        _connection.QuerySingleOrDefault<StoreRow>(
            "SELECT id AS Id, name AS Name, created_at AS CreatedAt, updated_at AS UpdatedAt, deleted_at AS DeletedAt FROM fga_store WHERE id = @id AND deleted_at IS NULL",
            new { id });

    public IReadOnlyList<StoreRow> ListStores(string? name, string? afterId, int limit) =>
        _connection.Query<StoreRow>(
            """
            SELECT id AS Id, name AS Name, created_at AS CreatedAt, updated_at AS UpdatedAt, deleted_at AS DeletedAt
            FROM fga_store
            WHERE deleted_at IS NULL AND (@name IS NULL OR name = @name) AND (@afterId IS NULL OR id > @afterId)
            ORDER BY id LIMIT @limit
            """,
            new { name, afterId, limit }).AsList();

    public void DeleteStore(string id, long now)
    {
        using var transaction = _connection.BeginTransaction();
        _connection.Execute("UPDATE fga_store SET deleted_at = @now, updated_at = @now WHERE id = @id", new { id, now }, transaction);
        _connection.Execute("DELETE FROM fga_tuple WHERE store_id = @id", new { id }, transaction);
        _connection.Execute("DELETE FROM fga_change WHERE store_id = @id", new { id }, transaction);
        _connection.Execute("DELETE FROM fga_model WHERE store_id = @id", new { id }, transaction);
        transaction.Commit();
    }

    public void InsertModel(string storeId, string id, string schemaVersion, string body, long now) =>
        _connection.Execute(
            "INSERT INTO fga_model (store_id, id, schema_version, body, created_at) VALUES (@storeId, @id, @schemaVersion, @body, @now)",
            new { storeId, id, schemaVersion, body, now });

    public string? GetModelBody(string storeId, string id) =>
        _connection.QuerySingleOrDefault<string>(
            "SELECT body FROM fga_model WHERE store_id = @storeId AND id = @id", new { storeId, id });

    public (string Id, string Body)? GetLatestModel(string storeId)
    {
        var row = _connection.QuerySingleOrDefault<ModelRow>(
            "SELECT id AS Id, body AS Body FROM fga_model WHERE store_id = @storeId ORDER BY id DESC LIMIT 1", new { storeId });
        return row is null ? null : (row.Id, row.Body);
    }

    public IReadOnlyList<ModelRow> ListModels(string storeId, string? beforeId, int limit) =>
        _connection.Query<ModelRow>(
            "SELECT id AS Id, body AS Body FROM fga_model WHERE store_id = @storeId AND (@beforeId IS NULL OR id < @beforeId) ORDER BY id DESC LIMIT @limit",
            new { storeId, beforeId, limit }).AsList();

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }
}

/// <summary>A row of <c>fga_store</c>.</summary>
internal sealed record StoreRow(string Id, string Name, long CreatedAt, long UpdatedAt, long? DeletedAt);

/// <summary>A row of <c>fga_model</c>.</summary>
internal sealed record ModelRow(string Id, string Body);
