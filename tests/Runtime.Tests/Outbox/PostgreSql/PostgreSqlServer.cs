using Npgsql;

namespace TypedFga.Runtime.Tests.Outbox.PostgreSql;

/// <summary>
/// The PostgreSQL server the tests use, and a fresh database on it per test, dropped when the test ends, so tests
/// never see each other's outbox.
/// </summary>
internal sealed class PostgreSqlServer : IAsyncDisposable
{
    public const string ConnectionVariable = "TYPEDFGA_POSTGRES";
    public const string RequireVariable = "TYPEDFGA_REQUIRE_POSTGRES";

    private readonly string _serverConnectionString;

    private PostgreSqlServer(string serverConnectionString, string database)
    {
        _serverConnectionString = serverConnectionString;
        Database = database;
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = database }.ConnectionString;
    }

    /// <summary>Why PostgreSQL tests are skipped; null when they run.</summary>
    public static string? SkipReason =>
        Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } || Environment.GetEnvironmentVariable(RequireVariable) == "1"
            ? null
            : $"No PostgreSQL server: set {ConnectionVariable} to a connection string (.ci/postgres start <folder> <port> starts a throwaway one).";

    /// <summary>The test's own database.</summary>
    public string Database { get; }

    /// <summary>A connection string to <see cref="Database"/>.</summary>
    public string ConnectionString { get; }

    /// <summary>A new data source on the test's database (a node of its own, in a test of several nodes).</summary>
    public NpgsqlDataSource CreateDataSource() => NpgsqlDataSource.Create(ConnectionString);

    public static async Task<PostgreSqlServer> CreateDatabaseAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (string.IsNullOrEmpty(connectionString))
        {
            throw new InvalidOperationException($"PostgreSQL is required ({RequireVariable}=1) and {ConnectionVariable} is not set.");
        }

        var database = "typedfga_test_" + Guid.NewGuid().ToString("N");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
        await command.ExecuteNonQueryAsync();
        return new PostgreSqlServer(connectionString, database);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Database} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
