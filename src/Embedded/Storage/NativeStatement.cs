using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace TypedFga.Embedded.Storage;

/// <summary>
/// A statement prepared once on a Microsoft.Data.Sqlite connection and run through SQLite's own API
/// (SQLitePCLRaw, the layer under Microsoft.Data.Sqlite), for the reads every check makes. A
/// <see cref="SqliteCommand"/> allocates a parameter binder and a UTF-8 copy per string parameter, a data
/// reader, a record and a statement enumerator on every execution: about 60% of the bytes a check allocated.
/// With several checks in flight on two cores the collections this caused paused every thread for a growing
/// share of the time, since each collection waits for preempted threads to reach a safe point. Here
/// parameters are encoded on the stack and only the strings read are allocated.
/// </summary>
/// <remarks>Use: bind (1-based), step, read columns, and always <see cref="Reset"/> in a finally block.</remarks>
internal sealed class NativeStatement : IDisposable
{
    private const int StackLimit = 512;
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;

    public NativeStatement(SqliteConnection connection, string sql)
    {
        _database = connection.Handle!;
        Check(raw.sqlite3_prepare_v3(_database, sql, raw.SQLITE_PREPARE_PERSISTENT, out _statement));
    }

    public void Bind(int index, string value)
    {
        if (value.Length == 0)
        {
            // An empty span would reach SQLite as a null pointer, which binds NULL rather than ''.
            Check(raw.sqlite3_bind_text(_statement, index, utf8z.FromSpan("\0"u8)));
            return;
        }

        var maxBytes = Encoding.UTF8.GetMaxByteCount(value.Length);
        var buffer = maxBytes <= StackLimit ? stackalloc byte[StackLimit] : new byte[maxBytes];
        var length = Encoding.UTF8.GetBytes(value, buffer);
        Check(raw.sqlite3_bind_text(_statement, index, buffer[..length]));
    }

    /// <summary>Moves to the next row: true on a row, false after the last.</summary>
    public bool Step()
    {
        var result = raw.sqlite3_step(_statement);
        return result switch
        {
            raw.SQLITE_ROW => true,
            raw.SQLITE_DONE => false,
            _ => throw Error(result),
        };
    }

    /// <summary>Runs a statement that returns no rows.</summary>
    public void Execute()
    {
        try
        {
            Step();
        }
        finally
        {
            Reset();
        }
    }

    public bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

    public string Text(int column) => raw.sqlite3_column_text(_statement, column).utf8_to_string();

    public string? NullableText(int column) => IsNull(column) ? null : Text(column);

    public long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

    /// <summary>Makes the statement ready to run again; until then it keeps its read of the database open.</summary>
    public void Reset() => raw.sqlite3_reset(_statement);

    public void Dispose() => raw.sqlite3_finalize(_statement);

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            throw Error(result);
        }
    }

    private SqliteException Error(int result) =>
        new(raw.sqlite3_errmsg(_database).utf8_to_string(), result, raw.sqlite3_extended_errcode(_database));
}
