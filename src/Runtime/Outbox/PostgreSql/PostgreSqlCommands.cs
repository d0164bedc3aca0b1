using Npgsql;
using NpgsqlTypes;

namespace TypedFga.Outbox.PostgreSql;

/// <summary>Batch commands with positional parameters, as the shared outbox's statements are written.</summary>
internal static class PostgreSqlCommands
{
    /// <summary>A command of a batch, its <c>$1</c>, <c>$2</c>, ... bound to <paramref name="values"/> in order.</summary>
    public static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            // A null has no type of its own to infer; every nullable column the outbox writes this way is text.
            command.Parameters.Add(value is DBNull ? new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text } : new NpgsqlParameter { Value = value });
        }

        return command;
    }

    /// <summary>The value for a nullable text column.</summary>
    public static object Nullable(string? value) => (object?)value ?? DBNull.Value;
}
