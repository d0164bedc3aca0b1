using TypedFga.Outbox;
using TypedFga.Runtime.Tests.Outbox.PostgreSql;

namespace TypedFga.Pipeline.Tests.Cli;

/// <summary>The outbox commands on the shared PostgreSQL outbox: <c>--store postgresql --connection ...</c>.</summary>
public sealed class SharedOutboxCommandTests : IDisposable
{
    private const string Store = "01HVMMBCMGZNT3SED4Z17ECXCA";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "typedfga-shared-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [PostgreSqlFact]
    public async Task Status_pending_and_clear_work_on_the_shared_outbox()
    {
        await using var server = await PostgreSqlServer.CreateDatabaseAsync();
        var file = Path.Combine(_directory, "outbox.db");
        await CliRun.EnqueueAsync(file, Store,
            (OutboxOperationKind.Grant, new TupleKey("user:anne", "editor", "document:roadmap")),
            (OutboxOperationKind.Revoke, new TupleKey("user:bob", "viewer", "document:roadmap")));
        Assert.Equal(0, (await CliRun.RunAsync("move-to-postgresql", "--outbox", file, "--connection", server.ConnectionString)).ExitCode);

        var status = await CliRun.RunAsync("status", "--store", "postgresql", "--connection", server.ConnectionString);
        var pending = await CliRun.RunAsync("pending", "--store", "postgresql", "--connection", server.ConnectionString);
        var clear = await CliRun.RunAsync("clear", "--store", "postgresql", "--connection", server.ConnectionString, "--yes");
        var after = await CliRun.RunAsync("status", "--store", "postgresql", "--connection", server.ConnectionString);

        Assert.Equal((0, ""), (status.ExitCode, status.Error));
        Assert.Contains("pending: 2 (1 writes, 1 deletes)", status.Output, StringComparison.Ordinal);
        Assert.Contains("grant document:roadmap#editor@user:anne", pending.Output, StringComparison.Ordinal);
        Assert.Contains("revoke document:roadmap#viewer@user:bob", pending.Output, StringComparison.Ordinal);
        Assert.Contains("cleared: 2", clear.Output, StringComparison.Ordinal);
        Assert.Contains("pending: 0", after.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_database_is_one_line_and_a_failure()
    {
        var result = await CliRun.RunAsync("status", "--store", "postgresql", "--connection", "Host=127.0.0.1;Port=1;Username=postgres;Timeout=2");

        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("typedfga: cannot open the shared outbox, PostgreSQL database", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status --store mysql", "--store must be sqlite or postgresql")]
    [InlineData("status --store postgresql", "Fga:WriteBehind:Store is PostgreSql: set Fga:WriteBehind:ConnectionString")]
    public async Task A_wrong_store_or_a_missing_connection_is_a_usage_error(string arguments, string expected)
    {
        var result = await CliRun.RunAsync(arguments.Split(' '));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }
}
