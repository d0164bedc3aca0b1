using Npgsql;
using NpgsqlTypes;

namespace TypedFga.Outbox.PostgreSql;

/// <summary>Commands with positional parameters, as the shared outbox's statements are written.</summary>
internal static class PostgreSqlCommands
{
    /// <summary>A command of a batch, its <c>$1</c>, <c>$2</c>, ... bound to <paramref name="values"/> in order.</summary>
    public static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        Bind(command.Parameters, values);
        return command;
    }

    /// <summary>A command on <paramref name="connection"/>, its <c>$1</c>, <c>$2</c>, ... bound to <paramref name="values"/> in order.</summary>
    public static NpgsqlCommand Statement(NpgsqlConnection connection, string sql, params object[] values)
    {
        var command = new NpgsqlCommand(sql, connection);
        Bind(command.Parameters, values);
        return command;
    }

    private static void Bind(NpgsqlParameterCollection parameters, object[] values)
    {
        foreach (var value in values)
        {
            parameters.Add(value switch
            {
                // Typed by the caller (an interval, a nullable array).
                NpgsqlParameter given => given,
                // A null has no type of its own to infer; every nullable column the outbox writes this way is text.
                DBNull => new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
                _ => new NpgsqlParameter { Value = value },
            });
        }
    }

    /// <summary>The value for a nullable text column.</summary>
    public static object Nullable(string? value) => (object?)value ?? DBNull.Value;
}
