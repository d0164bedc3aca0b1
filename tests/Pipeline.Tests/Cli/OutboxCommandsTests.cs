using Microsoft.Data.Sqlite;
using TypedFga.Backends;
using TypedFga.Cli;
using TypedFga.Cli.Reporting;
using TypedFga.Outbox;
using TypedFga.Pipeline.Tests.Infrastructure;

namespace TypedFga.Pipeline.Tests.Cli;

/// <summary>The <c>typedfga</c> command line on an outbox an application left behind, flushing to a real server.</summary>
public sealed class OutboxCommandsTests(FgaServerFixture server) : IClassFixture<FgaServerFixture>, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "typedfga-cli-" + Guid.NewGuid().ToString("N"));

    private string OutboxPath => Path.Combine(_directory, "outbox.db");

    [Fact]
    public async Task Status_pending_and_flush_drain_what_an_application_left_in_the_outbox()
    {
        var store = await server.CreateStoreAsync();
        await server.SeedAsync(store, new TupleKey("user:carol", "viewer", "document:roadmap"));
        await EnqueueAsync(store, (OutboxOperationKind.Grant, new TupleKey("user:anne", "editor", "document:roadmap")),
            (OutboxOperationKind.Grant, new TupleKey("user:bob", "viewer", "document:roadmap")),
            (OutboxOperationKind.Revoke, new TupleKey("user:carol", "viewer", "document:roadmap")));

        var status = await RunAsync("status", "--outbox", OutboxPath);
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("pending: 3 (2 writes, 1 deletes)", status.Output, StringComparison.Ordinal);
        Assert.Contains("dead letters: 0", status.Output, StringComparison.Ordinal);

        var pending = await RunAsync("pending", "--outbox", OutboxPath);
        Assert.Contains("grant document:roadmap#editor@user:anne", pending.Output, StringComparison.Ordinal);
        Assert.Contains("revoke document:roadmap#viewer@user:carol", pending.Output, StringComparison.Ordinal);

        var flush = await RunAsync("flush", "--outbox", OutboxPath, "--api-url", server.BaseAddress.ToString());
        Assert.Equal(0, flush.ExitCode);
        Assert.Contains("written: 2, deleted: 1, failed: 0, dead-lettered: 0", flush.Output, StringComparison.Ordinal);
        Assert.Equal(
            new[] { "document:roadmap#editor@user:anne", "document:roadmap#viewer@user:bob" },
            (await server.ReadTuplesAsync(store)).Order(StringComparer.Ordinal).ToArray());

        Assert.Contains("pending: 0 (0 writes, 0 deletes)", (await RunAsync("status", "--outbox", OutboxPath)).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dead_letters_are_listed_and_purged_and_clear_drops_pending_operations()
    {
        var store = await server.CreateStoreAsync();
        await EnqueueAsync(store, (OutboxOperationKind.Grant, new TupleKey("user:anne", "no_such_relation", "document:roadmap")));
        await RunAsync("flush", "--outbox", OutboxPath, "--api-url", server.BaseAddress.ToString());

        var listed = await RunAsync("dead-letters", "--outbox", OutboxPath);
        Assert.Contains("document:roadmap#no_such_relation@user:anne reason=Rejected", listed.Output, StringComparison.Ordinal);
        Assert.Contains("purged: 1", (await RunAsync("dead-letters", "--outbox", OutboxPath, "--purge")).Output, StringComparison.Ordinal);
        Assert.Contains("dead letters: 0", (await RunAsync("status", "--outbox", OutboxPath)).Output, StringComparison.Ordinal);

        await EnqueueAsync(store, (OutboxOperationKind.Grant, new TupleKey("user:dan", "viewer", "document:roadmap")));
        Assert.Contains("cleared: 1", (await RunAsync("clear", "--outbox", OutboxPath, "--yes")).Output, StringComparison.Ordinal);
        Assert.Empty(await server.ReadTuplesAsync(store));
    }

    [Fact]
    public async Task A_path_with_no_outbox_is_an_error_and_creates_nothing()
    {
        var result = await RunAsync("status", "--outbox", OutboxPath);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("No outbox at", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(OutboxPath));
    }

    [Fact]
    public async Task A_flush_to_a_malformed_url_is_refused_and_sends_nothing()
    {
        var store = await server.CreateStoreAsync();
        await EnqueueAsync(store, (OutboxOperationKind.Grant, new TupleKey("user:anne", "editor", "document:roadmap")));

        var result = await RunAsync("flush", "--outbox", OutboxPath, "--api-url", "localhost:8080");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--api-url must be an absolute http or https URL", result.Error, StringComparison.Ordinal);
        Assert.Contains("pending: 1", (await RunAsync("status", "--outbox", OutboxPath)).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Work_flushes_until_stopped_including_operations_queued_while_it_runs()
    {
        var store = await server.CreateStoreAsync();
        await EnqueueAsync(store, (OutboxOperationKind.Grant, new TupleKey("user:anne", "editor", "document:roadmap")));
        using var stop = new CancellationTokenSource();
        using var output = new StringWriter();
        var synchronized = TextWriter.Synchronized(output);
        var console = new CliConsole(synchronized, TextWriter.Null, TextReader.Null, InputIsTerminal: false, ErrorIsTerminal: false);
        var work = TypedFgaCommand.RunAsync(["work", "--outbox", OutboxPath, "--api-url", server.BaseAddress.ToString(), "--interval", "0.05"], console, stop.Token);

        Assert.True(await Eventually.TrueAsync(async () => (await server.ReadTuplesAsync(store)).Count == 1));
        await EnqueueAsync(store, (OutboxOperationKind.Grant, new TupleKey("user:bob", "viewer", "document:roadmap")),
            (OutboxOperationKind.Revoke, new TupleKey("user:anne", "editor", "document:roadmap")));
        Assert.True(await Eventually.TrueAsync(async () => (await server.ReadTuplesAsync(store)).SequenceEqual(["document:roadmap#viewer@user:bob"])));
        // The server applies a write before the flush that sent it prints its line: wait for the line too.
        // The synchronized writer locks itself while it writes (MethodImplOptions.Synchronized): read under that lock.
        string Printed()
        {
            lock (synchronized)
            {
                return output.ToString();
            }
        }

        Assert.True(await Eventually.TrueAsync(() => Task.FromResult(PrintedTotals(Printed()) == (2, 1))), Printed());
        stop.Cancel();

        Assert.Equal(0, await work);
        var printed = output.ToString();
        Assert.Equal((2, 1), PrintedTotals(printed));
        Assert.Contains("stopped; what was not sent stays in the outbox", printed, StringComparison.Ordinal);
        Assert.Contains("pending: 0", (await RunAsync("status", "--outbox", OutboxPath)).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compact_hands_back_the_space_of_a_flushed_backlog()
    {
        var store = await server.CreateStoreAsync();
        await EnqueueAsync(store, Enumerable.Range(0, 3_000)
            .Select(i => (OutboxOperationKind.Grant, new TupleKey($"user:u{i}", "viewer", $"document:d{i}"))).ToArray());
        await RunAsync("flush", "--outbox", OutboxPath, "--api-url", server.BaseAddress.ToString());
        var before = new FileInfo(OutboxPath).Length;

        var compact = await RunAsync("compact", "--outbox", OutboxPath);

        Assert.Equal(0, compact.ExitCode);
        Assert.Matches(@"^reclaimed: [1-9]\d* bytes", compact.Output);
        Assert.True(new FileInfo(OutboxPath).Length < before / 2, $"{new FileInfo(OutboxPath).Length} bytes left of {before}");
        Assert.Equal(3_000, (await server.ReadTuplesAsync(store)).Count);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("NaN")]
    public async Task Work_refuses_an_interval_that_is_not_a_positive_number_of_seconds(string interval)
    {
        var store = await server.CreateStoreAsync();
        await EnqueueAsync(store, (OutboxOperationKind.Grant, new TupleKey("user:anne", "editor", "document:roadmap")));

        var result = await RunAsync("work", "--outbox", OutboxPath, "--api-url", server.BaseAddress.ToString(), "--interval", interval);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--interval must be a positive number of seconds", result.Error, StringComparison.Ordinal);
        Assert.Empty(await server.ReadTuplesAsync(store));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private Task EnqueueAsync(string storeId, params (OutboxOperationKind Kind, TupleKey Tuple)[] operations) =>
        CliRun.EnqueueAsync(OutboxPath, storeId, operations);

    private static Task<CliResult> RunAsync(params string[] args) => CliRun.RunAsync(args);

    // One line per flush that did something; an enqueue may be split over two flushes.
    private static (int Written, int Deleted) PrintedTotals(string printed)
    {
        var flushes = System.Text.RegularExpressions.Regex.Matches(printed, @"written: (\d+), deleted: (\d+)");
        return (flushes.Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)),
            flushes.Sum(m => int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
