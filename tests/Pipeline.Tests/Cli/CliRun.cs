using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using TypedFga.Backends;
using TypedFga.Cli;
using TypedFga.Cli.Reporting;
using TypedFga.Flushing;
using TypedFga.Outbox;

namespace TypedFga.Pipeline.Tests.Cli;

/// <summary>What one in-process run of <c>typedfga</c> printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error);

/// <summary>Runs <c>typedfga</c> in this process, as its entry point does, with captured output and a scripted input.</summary>
public static class CliRun
{
    public static async Task<CliResult> RunAsync(params string[] args) => await RunAsync(new CliInput(), args);

    public static async Task<CliResult> RunAsync(CliInput input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(output, error, new StringReader(input.Text), input.IsTerminal, ErrorIsTerminal: false);
        var exitCode = await TypedFgaCommand.RunAsync(args, console, input.Cancellation, progressInterval: input.ProgressInterval);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Queues operations in an outbox file, as an application that has stopped since would have.</summary>
    public static async Task EnqueueAsync(string outboxPath, string storeId, params (OutboxOperationKind Kind, TupleKey Tuple)[] operations)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(outboxPath)!);
        using (var outbox = new SqliteOutboxStore(outboxPath))
        {
            // Opens (creates) the file even when nothing is queued.
            await outbox.GetPendingCountAsync();
            foreach (var (kind, tuple) in operations)
            {
                await outbox.EnqueueAsync(new FgaConnection("default", storeId, null), kind, tuple);
            }
        }

        SqliteConnection.ClearAllPools();
    }

    /// <summary>The error output's lines, for checking that a failure is exactly one line.</summary>
    public static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>What the command's standard input holds and whether it is a terminal.</summary>
public sealed record CliInput(string Text = "", bool IsTerminal = false)
{
    public CancellationToken Cancellation { get; init; }

    public TimeSpan? ProgressInterval { get; init; }
}
