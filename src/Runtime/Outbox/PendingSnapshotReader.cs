using Microsoft.Data.Sqlite;
using TypedFga.Backends;

namespace TypedFga.Outbox;

/// <summary>
/// Reads a <see cref="PendingSnapshot"/> on a connection of its own with prepared statements, so that a check pays
/// for one statement step per row and nothing else (the check path: it runs whenever operations are pending).
/// </summary>
/// <remarks>
/// One statement reads the rows and the highest committed sequence number together; SQLite runs a statement in one
/// read transaction, so both come from the same state of the file without a BEGIN of their own. The LEFT JOIN keeps
/// one row (of NULLs) when nothing matches, which still carries the sequence number.
/// </remarks>
internal sealed class PendingSnapshotReader : IDisposable
{
    private const string Select =
        "SELECT h.seq, o.seq, o.kind, o.subject, o.relation, o.object, o.condition_name, o.condition_context, o.enqueued_at, " +
        "o.attempts, o.next_attempt_at, o.last_error, o.lease_owner, o.connection_name, o.model_id " +
        "FROM (SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'outbox_operations'), 0) AS seq) h " +
        "LEFT JOIN outbox_operations o ON o.store_id = $store AND o.seq <= MIN(h.seq, $upTo) ";

    private readonly SqliteConnection _connection;
    private readonly Statement _allRelations;
    private readonly Statement _someRelations;

    public PendingSnapshotReader(SqliteConnection connection)
    {
        _connection = connection;
        _allRelations = new Statement(connection, Select + "ORDER BY o.seq LIMIT $limit");
        _someRelations = new Statement(connection, Select + "AND o.relation IN (SELECT value FROM json_each($relations)) ORDER BY o.seq LIMIT $limit");
        _someRelations.Relations = _someRelations.Command.Parameters.Add("$relations", SqliteType.Text);
    }

    public PendingSnapshot Read(string storeId, string? relationsJson, long? upToSequence, int limit, long now)
    {
        var statement = relationsJson is null ? _allRelations : _someRelations;
        statement.Store.Value = storeId;
        statement.UpTo.Value = upToSequence ?? long.MaxValue;
        statement.Limit.Value = limit + 1;
        if (statement.Relations is { } relations)
        {
            relations.Value = relationsJson;
        }

        long committed = 0;
        var operations = new List<PendingOperation>();
        var rows = 0;
        using (var reader = statement.Command.ExecuteReader())
        {
            while (reader.Read())
            {
                committed = reader.GetInt64(0);
                if (reader.IsDBNull(1))
                {
                    continue;
                }

                if (++rows > limit)
                {
                    break;
                }

                operations.Add(ReadOperation(reader, storeId, now));
            }
        }

        var upTo = upToSequence is { } bound ? Math.Min(bound, committed) : committed;
        return new PendingSnapshot(upTo, operations, rows <= limit);
    }

    public void Dispose()
    {
        _allRelations.Command.Dispose();
        _someRelations.Command.Dispose();
        _connection.Dispose();
    }

    private static PendingOperation ReadOperation(SqliteDataReader reader, string storeId, long now)
    {
        var conditionName = reader.IsDBNull(6) ? null : reader.GetString(6);
        var tuple = new TupleKey(
            reader.GetString(3),
            reader.GetString(4),
            reader.GetString(5),
            conditionName is null ? null : new RelationshipCondition(conditionName, ConditionContextJson.Deserialize(reader.IsDBNull(7) ? null : reader.GetString(7))));
        var nextAttemptAt = reader.GetInt64(10);
        return new PendingOperation(
            reader.GetInt64(1),
            (OutboxOperationKind)reader.GetInt64(2),
            tuple,
            new FgaConnection(reader.GetString(13), storeId, reader.IsDBNull(14) ? null : reader.GetString(14)),
            OutboxClock.FromUnixMilliseconds(reader.GetInt64(8)),
            (int)reader.GetInt64(9),
            OutboxClock.FromUnixMilliseconds(nextAttemptAt),
            reader.IsDBNull(11) ? null : reader.GetString(11),
            !reader.IsDBNull(12) && nextAttemptAt > now);
    }

    /// <summary>A prepared statement and its parameters.</summary>
    private sealed class Statement
    {
        public Statement(SqliteConnection connection, string sql)
        {
            Command = connection.CreateCommand();
            Command.CommandText = sql;
            Store = Command.Parameters.Add("$store", SqliteType.Text);
            UpTo = Command.Parameters.Add("$upTo", SqliteType.Integer);
            Limit = Command.Parameters.Add("$limit", SqliteType.Integer);
        }

        public SqliteCommand Command { get; }

        public SqliteParameter Store { get; }

        public SqliteParameter UpTo { get; }

        public SqliteParameter Limit { get; }

        public SqliteParameter? Relations { get; set; }
    }
}
