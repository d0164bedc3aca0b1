using Npgsql;
using TypedFga.Outbox;
using TypedFga.Runtime.Tests.Outbox.PostgreSql;

namespace TypedFga.Pipeline.Tests.Cli;

/// <summary><c>typedfga move-to-postgresql</c>: a SQLite outbox's pending operations moved into the shared outbox, none lost.</summary>
public sealed class MoveToPostgreSqlCommandTests : IDisposable
{
    private const string Store = "01HVMMBCMGZNT3SED4Z17ECXCA";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "typedfga-move-" + Guid.NewGuid().ToString("N"));

    private string OutboxPath => Path.Combine(_directory, "outbox.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [PostgreSqlFact]
    public async Task Pending_operations_move_oldest_first_and_leave_the_file_and_a_second_run_moves_nothing_twice()
    {
        await using var server = await PostgreSqlServer.CreateDatabaseAsync();
        await CliRun.EnqueueAsync(OutboxPath, Store,
            (OutboxOperationKind.Grant, new TupleKey("user:anne", "editor", "document:roadmap")),
            (OutboxOperationKind.Revoke, new TupleKey("user:bob", "viewer", "document:roadmap")),
            (OutboxOperationKind.Grant, new TupleKey("user:carl", "viewer", "document:roadmap", new RelationshipCondition("non_expired", new Dictionary<string, object?> { ["grant_duration"] = "1h" }))));

        var moved = await CliRun.RunAsync("move-to-postgresql", "--outbox", OutboxPath, "--connection", server.ConnectionString);
        var again = await CliRun.RunAsync("move-to-postgresql", "--outbox", OutboxPath, "--connection", server.ConnectionString);
        var status = await CliRun.RunAsync("status", "--outbox", OutboxPath);

        Assert.Equal((0, ""), (moved.ExitCode, moved.Error));
        Assert.Contains("moved: 3 operations to the PostgreSQL database", moved.Output, StringComparison.Ordinal);
        Assert.Contains("moved: 0 operations", again.Output, StringComparison.Ordinal);
        Assert.Contains("pending: 0", status.Output, StringComparison.Ordinal);
        await using var dataSource = server.CreateDataSource();
        await using var read = dataSource.CreateCommand("SELECT kind, subject, condition_name, condition_context, store_id FROM typedfga_outbox_operations ORDER BY seq");
        var rows = new List<string>();
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add($"{reader.GetInt16(0)} {reader.GetString(1)} {(reader.IsDBNull(2) ? "-" : reader.GetString(2))} {(reader.IsDBNull(3) ? "-" : reader.GetString(3))} {reader.GetString(4)}");
            }
        }

        Assert.Equal(
            [
                $"{(int)OutboxOperationKind.Grant} user:anne - - {Store}",
                $"{(int)OutboxOperationKind.Revoke} user:bob - - {Store}",
                $"{(int)OutboxOperationKind.Grant} user:carl non_expired {{\"grant_duration\":\"1h\"}} {Store}",
            ],
            rows);
    }

    [Fact]
    public async Task An_unreachable_server_moves_nothing_and_says_so_in_one_line()
    {
        await CliRun.EnqueueAsync(OutboxPath, Store, (OutboxOperationKind.Grant, new TupleKey("user:anne", "editor", "document:roadmap")));

        var result = await CliRun.RunAsync("move-to-postgresql", "--outbox", OutboxPath, "--connection", "Host=127.0.0.1;Port=1;Username=postgres;Timeout=2");
        var status = await CliRun.RunAsync("status", "--outbox", OutboxPath);

        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("typedfga: PostgreSQL refused or could not be reached", result.Error, StringComparison.Ordinal);
        Assert.Contains("pending: 1", status.Output, StringComparison.Ordinal);
    }
}
