using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;
using TypedFga.Embedded.Errors;

namespace TypedFga.Embedded.Storage;

/// <summary>
/// The engine's one writing connection. SQLite has a single writer, so the engine runs one write at a time
/// here; reads done on the way (the store, the model, the existing tuple) use <see cref="Reader"/>, on the same
/// connection and inside the write's transaction, so a write decides on the state it changes.
/// </summary>
internal sealed class FgaWriter : IDisposable
{
    private const int WriteOperation = 0;
    private const int DeleteOperation = 1;

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insertTuple;
    private readonly SqliteCommand _deleteTuple;
    private readonly SqliteCommand _insertChange;

    public FgaWriter(SqliteConnection connection)
    {
        _connection = connection;
        Reader = new FgaReader(connection, ownsConnection: false);
        _deleteTuple = PreparedCommand.Create(
            connection,
            "DELETE FROM fga_tuple WHERE store_id = $store AND object_type = $ot AND object_id = $oi AND relation = $rel AND user_type = $ut AND user_id = $ui AND user_relation = $ur",
            "$store", "$ot", "$oi", "$rel", "$ut", "$ui", "$ur");
        _insertChange = PreparedCommand.Create(
            connection,
            "INSERT INTO fga_change (store_id, object_type, object_id, relation, user_value, condition_name, condition_context, operation, changed_at) VALUES ($store, $ot, $oi, $rel, $user, $cn, $cc, $op, $at)",
            "$store", "$ot", "$oi", "$rel", "$user", "$cn", "$cc", "$op", "$at");
        _insertTuple = PreparedCommand.Create(
            connection,
            "INSERT INTO fga_tuple (store_id, object_type, object_id, relation, user_type, user_id, user_relation, condition_name, condition_context, inserted_at) VALUES ($store, $ot, $oi, $rel, $ut, $ui, $ur, $cn, $cc, $at)",
            "$store", "$ot", "$oi", "$rel", "$ut", "$ui", "$ur", "$cn", "$cc", "$at");
    }

    /// <summary>Reads on the writer's connection, for the checks a write makes before it changes anything.</summary>
    public FgaReader Reader { get; }

    public void Dispose()
    {
        Reader.Dispose();
        _insertTuple.Dispose();
        _deleteTuple.Dispose();
        _insertChange.Dispose();
        _connection.Dispose();
    }

    public void InsertStore(string id, string name, long now) =>
        _connection.Execute(
            "INSERT INTO fga_store (id, name, created_at, updated_at) VALUES (@id, @name, @now, @now)",
            new { id, name, now });

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

    /// <summary>
    /// Applies a Write in one transaction, deletes first, and records each applied change in the changelog.
    /// Ignored items (on_missing / on_duplicate = ignore) leave no changelog entry. Throws, rolling back, on the first
    /// conflict.
    /// </summary>
    public void ApplyWrite(string storeId, IReadOnlyList<StoredTuple> deletes, bool ignoreMissing, IReadOnlyList<StoredTuple> writes, bool ignoreDuplicate, long now)
    {
        using var transaction = _connection.BeginTransaction();
        Reader.Enlist(transaction);
        try
        {
            Apply(storeId, deletes, ignoreMissing, writes, ignoreDuplicate, now, transaction);
            transaction.Commit();
        }
        finally
        {
            Reader.Enlist(null);
        }
    }

    private void Apply(string storeId, IReadOnlyList<StoredTuple> deletes, bool ignoreMissing, IReadOnlyList<StoredTuple> writes, bool ignoreDuplicate, long now, SqliteTransaction transaction)
    {
        foreach (var tuple in deletes)
        {
            var existing = Reader.ReadUserTuple(storeId, tuple.ObjectType, tuple.ObjectId, tuple.Relation, tuple.User);
            if (existing is null)
            {
                if (ignoreMissing)
                {
                    continue;
                }

                throw new FgaEngineException(
                    FgaErrorCode.WriteFailedDueToInvalidInput,
                    $"cannot delete a tuple which does not exist: user: '{tuple.User}', relation: '{tuple.Relation}', object: '{tuple.Object}': invalid write input");
            }

            Bind(_deleteTuple, transaction, storeId, tuple.ObjectType, tuple.ObjectId, tuple.Relation, tuple.User.Type, tuple.User.Id, tuple.User.Relation);
            _deleteTuple.ExecuteNonQuery();
            RecordChange(storeId, existing, DeleteOperation, now, transaction);
        }

        foreach (var tuple in writes)
        {
            var existing = Reader.ReadUserTuple(storeId, tuple.ObjectType, tuple.ObjectId, tuple.Relation, tuple.User);
            if (existing is not null)
            {
                if (!ignoreDuplicate)
                {
                    throw new FgaEngineException(
                        FgaErrorCode.WriteFailedDueToInvalidInput,
                        $"cannot write a tuple which already exists: user: '{tuple.User}', relation: '{tuple.Relation}', object: '{tuple.Object}': tuple to be written already existed or the tuple to be deleted did not exist");
                }

                if (SameCondition(existing, tuple))
                {
                    continue;
                }

                throw FgaEngineException.Conflict(
                    $"transactional write failed due to conflict: attempted to write a tuple which already exists with a different condition: user: '{tuple.User}', relation: '{tuple.Relation}', object: '{tuple.Object}'");
            }

            Bind(_insertTuple, transaction, storeId, tuple.ObjectType, tuple.ObjectId, tuple.Relation, tuple.User.Type, tuple.User.Id, tuple.User.Relation,
                tuple.ConditionName, ContextText(tuple), now);
            _insertTuple.ExecuteNonQuery();
            RecordChange(storeId, tuple, WriteOperation, now, transaction);
        }
    }

    private void RecordChange(string storeId, StoredTuple tuple, int operation, long now, SqliteTransaction transaction)
    {
        Bind(_insertChange, transaction, storeId, tuple.ObjectType, tuple.ObjectId, tuple.Relation, tuple.User.ToString(),
            tuple.ConditionName, operation == WriteOperation ? ContextText(tuple) : null, (long)operation, now);
        _insertChange.ExecuteNonQuery();
    }

    private static void Bind(SqliteCommand command, SqliteTransaction transaction, params object?[] values)
    {
        command.Transaction = transaction;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    private static string? ContextText(StoredTuple tuple) =>
        tuple.ConditionName is null || tuple.ConditionContext is null || tuple.ConditionContext.Count == 0
            ? null
            : tuple.ConditionContext.ToJsonString();

    private static bool SameCondition(StoredTuple existing, StoredTuple written)
    {
        if (existing.ConditionName != written.ConditionName)
        {
            return false;
        }

        var left = existing.ConditionContext is { Count: > 0 } l ? l : null;
        var right = written.ConditionName is null ? null : written.ConditionContext is { Count: > 0 } r ? r : null;
        return left is null ? right is null : right is not null && JsonNode.DeepEquals(left, right);
    }
}
