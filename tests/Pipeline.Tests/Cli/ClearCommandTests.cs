using TypedFga.Outbox;
using TypedFga.Pipeline.Tests.Infrastructure;

namespace TypedFga.Pipeline.Tests.Cli;

/// <summary><c>clear</c> asks before it deletes, and refuses to guess when it cannot ask.</summary>
public sealed class ClearCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string OutboxPath => _folder.File("outbox.db");

    [Theory]
    [InlineData("y\n", 0, "cleared: 2", "pending: 0")]
    [InlineData("yes\n", 0, "cleared: 2", "pending: 0")]
    [InlineData("n\n", 1, "nothing cleared", "pending: 2")]
    [InlineData("\n", 1, "nothing cleared", "pending: 2")]
    public async Task On_a_terminal_it_asks_and_does_what_the_answer_says(string answer, int exitCode, string printed, string status)
    {
        await EnqueueTwoAsync();

        var result = await CliRun.RunAsync(new CliInput(answer, IsTerminal: true), "clear", "--outbox", OutboxPath);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.StartsWith("Delete 2 pending operations? [y/N] ", result.Output, StringComparison.Ordinal);
        Assert.Contains(printed, result.Output, StringComparison.Ordinal);
        Assert.Contains(status, (await CliRun.RunAsync("status", "--outbox", OutboxPath)).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_terminal_and_without_yes_it_refuses_with_exit_code_2()
    {
        await EnqueueTwoAsync();

        var result = await CliRun.RunAsync(new CliInput("y\n", IsTerminal: false), "clear", "--outbox", OutboxPath);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(CliRun.Lines(result.Error));
        Assert.Contains("clear would delete 2 pending operations and cannot ask for confirmation", line, StringComparison.Ordinal);
        Assert.Contains("pass --yes", line, StringComparison.Ordinal);
        Assert.Contains("pending: 2", (await CliRun.RunAsync("status", "--outbox", OutboxPath)).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_yes_it_clears_without_asking()
    {
        await EnqueueTwoAsync();

        var result = await CliRun.RunAsync("clear", "--outbox", OutboxPath, "--yes");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("cleared: 2", result.Output.Trim());
    }

    public void Dispose() => _folder.Dispose();

    private Task EnqueueTwoAsync() => CliRun.EnqueueAsync(OutboxPath, "01STORE",
        (OutboxOperationKind.Grant, new TupleKey("user:anne", "viewer", "document:1")),
        (OutboxOperationKind.Revoke, new TupleKey("user:bob", "viewer", "document:1")));
}
