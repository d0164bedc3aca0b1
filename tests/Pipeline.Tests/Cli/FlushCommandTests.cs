using TypedFga.Outbox;
using TypedFga.Pipeline.Tests.Infrastructure;

namespace TypedFga.Pipeline.Tests.Cli;

/// <summary><c>flush</c> on a large backlog (progress) and <c>flush --until-empty</c>, against a real server.</summary>
public sealed class FlushCommandTests(FgaServerFixture server) : IClassFixture<FgaServerFixture>, IDisposable
{
    private readonly TempFolder _folder = new();

    private string OutboxPath => _folder.File("outbox.db");

    [Fact]
    public async Task A_flush_that_takes_a_while_reports_its_progress_on_standard_error_in_plain_lines()
    {
        var store = await server.CreateStoreAsync();
        await CliRun.EnqueueAsync(OutboxPath, store, Enumerable.Range(0, 2_000)
            .Select(i => (OutboxOperationKind.Grant, new TupleKey($"user:u{i}", "viewer", $"document:d{i}"))).ToArray());
        // Each Write request (100 tuples) waits, so the flush outlasts a few progress intervals.
        server.Faults.SetLatency(TimeSpan.FromMilliseconds(150));
        try
        {
            var result = await CliRun.RunAsync(
                new CliInput { ProgressInterval = TimeSpan.FromMilliseconds(50) },
                "flush", "--outbox", OutboxPath, "--api-url", server.BaseAddress.ToString());

            Assert.Equal(0, result.ExitCode);
            Assert.Contains("written: 2000, deleted: 0, failed: 0, dead-lettered: 0", result.Output, StringComparison.Ordinal);
            var progress = CliRun.Lines(result.Error);
            Assert.NotEmpty(progress);
            Assert.All(progress, line => Assert.Matches(@"^flushed \d+ of 2000 operations, \d+ pending$", line));
            Assert.DoesNotContain('\r', result.Error);
        }
        finally
        {
            server.Faults.Reset();
        }

        Assert.Equal(2_000, (await server.ReadTuplesAsync(store)).Count);
    }

    [Fact]
    public async Task Until_empty_drains_and_says_so()
    {
        var store = await server.CreateStoreAsync();
        await CliRun.EnqueueAsync(OutboxPath, store, Enumerable.Range(0, 1_500)
            .Select(i => (OutboxOperationKind.Grant, new TupleKey($"user:u{i}", "viewer", $"document:d{i}"))).ToArray());

        var result = await CliRun.RunAsync("flush", "--outbox", OutboxPath, "--api-url", server.BaseAddress.ToString(), "--until-empty");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("written: 1500, deleted: 0, failed: 0, dead-lettered: 0", result.Output, StringComparison.Ordinal);
        Assert.Contains("flushes: 1", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("left:", result.Output, StringComparison.Ordinal);
        Assert.Equal(1_500, (await server.ReadTuplesAsync(store)).Count);
    }

    [Fact]
    public async Task Until_empty_leaves_what_waits_out_a_backoff_and_exits_1_with_the_servers_error()
    {
        var store = await server.CreateStoreAsync();
        await CliRun.EnqueueAsync(OutboxPath, store,
            (OutboxOperationKind.Grant, new TupleKey("user:anne", "viewer", "document:1")),
            (OutboxOperationKind.Grant, new TupleKey("user:bob", "viewer", "document:2")));
        var config = _folder.File("appsettings.json");
        // No retries inside a request, so the one fault below fails the flush's only Write.
        await File.WriteAllTextAsync(config, """{ "Fga": { "MaxRetry": 0 } }""");
        server.Faults.FailNext(1, 503, "unavailable", "down for maintenance", request => request.Path.Value!.EndsWith("/write", StringComparison.Ordinal));
        try
        {
            var result = await CliRun.RunAsync(
                "flush", "--config", config, "--outbox", OutboxPath, "--api-url", server.BaseAddress.ToString(), "--until-empty");

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("failed: 2", result.Output, StringComparison.Ordinal);
            Assert.Contains("left: 2 (0 due, 2 waiting for a retry, 0 in flight, next retry at ", result.Output, StringComparison.Ordinal);
            var line = Assert.Single(CliRun.Lines(result.Error));
            Assert.Contains("2 operations could not be sent and stay pending; last error: unavailable: down for maintenance", line, StringComparison.Ordinal);
        }
        finally
        {
            server.Faults.Reset();
        }
    }

    [Fact]
    public async Task A_flush_of_an_empty_outbox_needs_no_server()
    {
        await CliRun.EnqueueAsync(OutboxPath, "01STORE");

        var result = await CliRun.RunAsync("flush", "--outbox", OutboxPath, "--api-url", "http://127.0.0.1:1", "--until-empty");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("nothing pending", result.Output.Trim());
    }

    public void Dispose() => _folder.Dispose();
}
