using System.Diagnostics;
using Microsoft.Data.Sqlite;
using TypedFga.Outbox;
using TypedFga.Pipeline.Tests.Infrastructure;

namespace TypedFga.Pipeline.Tests.Cli;

/// <summary>
/// Every way a command can fail ends as one line on standard error and a non-zero exit code, never a stack trace;
/// and a flush that cannot reach the server, or is refused, sends nothing and leaves the operations' attempts alone.
/// </summary>
public sealed class CommandFailureTests(FgaServerFixture server) : IClassFixture<FgaServerFixture>, IDisposable
{
    private readonly TempFolder _folder = new();

    private string OutboxPath => _folder.File("outbox.db");

    [Fact]
    public async Task A_missing_outbox_file_is_a_usage_error()
    {
        var result = await CliRun.RunAsync("pending", "--outbox", OutboxPath);

        AssertOneLine(result, 2, $"No outbox at '{OutboxPath}'");
        Assert.False(File.Exists(OutboxPath));
    }

    [Fact]
    public async Task An_outbox_locked_by_another_process_is_named_as_such_within_seconds()
    {
        await CliRun.EnqueueAsync(OutboxPath, "01STORE", (OutboxOperationKind.Grant, new TupleKey("user:anne", "viewer", "document:1")));
        // SQLite locks per connection, so a connection of this process holding the write lock looks like any other process.
        using var holder = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = OutboxPath, Pooling = false }.ToString());
        holder.Open();
        using (var lockIt = holder.CreateCommand())
        {
            lockIt.CommandText = "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;";
            lockIt.ExecuteNonQuery();
        }

        var started = Stopwatch.StartNew();
        var result = await CliRun.RunAsync("status", "--outbox", OutboxPath);

        AssertOneLine(result, 1, "is locked by another process");
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(15), $"took {started.Elapsed}");
    }

    [Fact]
    public async Task A_file_that_is_not_an_outbox_is_refused_and_left_as_it_was()
    {
        await File.WriteAllTextAsync(OutboxPath, "this is not a database, it only sits where the outbox should be\n");

        var result = await CliRun.RunAsync("status", "--outbox", OutboxPath);

        AssertOneLine(result, 1, "is not a readable outbox");
        Assert.StartsWith("this is not a database", await File.ReadAllTextAsync(OutboxPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_outbox_of_a_newer_schema_version_is_refused()
    {
        await CliRun.EnqueueAsync(OutboxPath, "01STORE", (OutboxOperationKind.Grant, new TupleKey("user:anne", "viewer", "document:1")));
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = OutboxPath, Pooling = false }.ToString()))
        {
            connection.Open();
            using var stamp = connection.CreateCommand();
            stamp.CommandText = "PRAGMA user_version = 99";
            stamp.ExecuteNonQuery();
        }

        var result = await CliRun.RunAsync("status", "--outbox", OutboxPath);

        AssertOneLine(result, 1, "has schema version 99, newer than");
    }

    [Fact]
    public async Task A_flush_to_a_server_nobody_listens_on_sends_nothing_and_costs_no_attempt()
    {
        await CliRun.EnqueueAsync(OutboxPath, "01STORE", (OutboxOperationKind.Grant, new TupleKey("user:anne", "viewer", "document:1")));

        var result = await CliRun.RunAsync("flush", "--outbox", OutboxPath, "--api-url", $"http://127.0.0.1:{ClosedPort()}");

        AssertOneLine(result, 1, "cannot reach the OpenFGA server at http://127.0.0.1:");
        Assert.Contains("attempts=0", (await CliRun.RunAsync("pending", "--outbox", OutboxPath)).Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(401, "unauthenticated")]
    [InlineData(403, "forbidden")]
    public async Task A_flush_whose_token_the_server_refuses_sends_nothing(int status, string code)
    {
        var store = await server.CreateStoreAsync();
        await CliRun.EnqueueAsync(OutboxPath, store, (OutboxOperationKind.Grant, new TupleKey("user:anne", "viewer", "document:1")));
        server.Faults.FailNext(1, status, code, "the token is not valid", request => request.Path.Value!.Contains(store, StringComparison.Ordinal));
        try
        {
            var result = await CliRun.RunAsync("flush", "--outbox", OutboxPath, "--api-url", server.BaseAddress.ToString(), "--api-token", "wrong");

            AssertOneLine(result, 1, $"refused the credentials ({status} {code}: the token is not valid); pass --api-token or set Fga:Credentials");
            Assert.Empty(await server.ReadTuplesAsync(store));
            Assert.Contains("attempts=0", (await CliRun.RunAsync("pending", "--outbox", OutboxPath)).Output, StringComparison.Ordinal);
        }
        finally
        {
            server.Faults.Reset();
        }
    }

    [Fact]
    public async Task A_config_file_that_is_not_json_is_a_usage_error()
    {
        var config = _folder.File("appsettings.json");
        await File.WriteAllTextAsync(config, "{ \"Fga\": { \"ApiUrl\": ");

        var result = await CliRun.RunAsync("status", "--config", config);

        AssertOneLine(result, 2, $"The configuration file '{config}' is not valid JSON");
    }

    [Fact]
    public async Task A_config_file_with_an_invalid_setting_names_the_key()
    {
        await CliRun.EnqueueAsync(OutboxPath, "01STORE", (OutboxOperationKind.Grant, new TupleKey("user:anne", "viewer", "document:1")));
        var config = _folder.File("appsettings.json");
        await File.WriteAllTextAsync(config, $$"""{ "Fga": { "ApiUrl": "http://127.0.0.1:1", "MaxRetry": 99, "WriteBehind": { "Outbox": "{{OutboxPath}}", "MaxTuplesPerWrite": 500 } } }""");

        var result = await CliRun.RunAsync("flush", "--config", config);

        AssertOneLine(result, 2, "invalid configuration: Fga:WriteBehind:MaxTuplesPerWrite must be between 1 and 100");
    }

    [Fact]
    public async Task A_flush_without_a_server_says_where_to_name_one()
    {
        await CliRun.EnqueueAsync(OutboxPath, "01STORE", (OutboxOperationKind.Grant, new TupleKey("user:anne", "viewer", "document:1")));

        var result = await CliRun.RunAsync("flush", "--outbox", OutboxPath);

        AssertOneLine(result, 2, "No OpenFGA server: pass --api-url, or set Fga:ApiUrl");
    }

    [Fact]
    public async Task A_command_line_that_does_not_parse_is_a_usage_error()
    {
        var result = await CliRun.RunAsync("statsu");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Unrecognized command or argument 'statsu'", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    public void Dispose() => _folder.Dispose();

    private static void AssertOneLine(CliResult result, int exitCode, string expected)
    {
        Assert.Equal(exitCode, result.ExitCode);
        var line = Assert.Single(CliRun.Lines(result.Error));
        Assert.StartsWith("typedfga: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    // A port that was free a moment ago: connecting to it is refused at once.
    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
