using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using TypedFga.Authorization;

namespace TypedFga.Embedded.Storage;

internal sealed partial class FgaStorage
{
    private const int WriteOperation = 0;
    private const int DeleteOperation = 1;

    /// <summary>
    /// Applies a Write in one transaction, deletes first, and records each applied change in the changelog.
    /// Ignored items (on_missing / on_duplicate = ignore) leave no changelog entry. Throws, rolling back, on the first
    /// conflict.
    /// </summary>
    public void ApplyWrite(string storeId, IReadOnlyList<StoredTuple> deletes, bool ignoreMissing, IReadOnlyList<StoredTuple> writes, bool ignoreDuplicate, long now)
    {
        using var transaction = _connection.BeginTransaction();
        _readUserTuple.Transaction = transaction;
        try
        {
            Apply(storeId, deletes, ignoreMissing, writes, ignoreDuplicate, now, transaction);
            transaction.Commit();
        }
        finally
        {
            _readUserTuple.Transaction = null;
        }
    }

    private void Apply(string storeId, IReadOnlyList<StoredTuple> deletes, bool ignoreMissing, IReadOnlyList<StoredTuple> writes, bool ignoreDuplicate, long now, SqliteTransaction transaction)
    {
        foreach (var tuple in deletes)
        {
            var existing = ReadUserTuple(storeId, tuple.ObjectType, tuple.ObjectId, tuple.Relation, tuple.User);
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
            var existing = ReadUserTuple(storeId, tuple.ObjectType, tuple.ObjectId, tuple.Relation, tuple.User);
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
