using Microsoft.Data.Sqlite;
using TypedFga.Embedded.Storage;

namespace TypedFga.Tests.Embedded;

public sealed class NativeStatementTests
{
    [Theory]
    [InlineData("")]
    [InlineData("document:1")]
    [InlineData("ünïcödé-文書-🗂")]
    public void A_bound_string_reads_back_unchanged_and_empty_is_not_null(string value)
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var statement = new NativeStatement(connection, "SELECT ?1, ?1 IS NULL, ?1 = ''");
        try
        {
            statement.Bind(1, value);
            Assert.True(statement.Step());
            Assert.Equal(value, statement.Text(0));
            Assert.Equal(0, statement.Int64(1));
            Assert.Equal(value.Length == 0 ? 1 : 0, statement.Int64(2));
            Assert.False(statement.Step());
        }
        finally
        {
            statement.Reset();
        }
    }

    [Fact]
    public void A_string_longer_than_the_stack_buffer_is_bound_whole()
    {
        var value = string.Concat(Enumerable.Repeat("é文", 400));
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var statement = new NativeStatement(connection, "SELECT ?1");
        try
        {
            statement.Bind(1, value);
            Assert.True(statement.Step());
            Assert.Equal(value, statement.Text(0));
        }
        finally
        {
            statement.Reset();
        }
    }

    [Fact]
    public void A_failing_statement_throws_SqliteException()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        Assert.Throws<SqliteException>(() => new NativeStatement(connection, "SELECT * FROM no_such_table"));
    }
}
