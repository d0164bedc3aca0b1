namespace TypedFga.Cli.Reporting;

/// <summary>A failure a command has already put into words: printed as its one line, with its exit code.</summary>
internal sealed class CommandFailedException(string message, int exitCode = ExitCodes.Failed) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
