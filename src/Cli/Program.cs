using TypedFga.Cli.Reporting;

namespace TypedFga.Cli;

/// <summary>The <c>typedfga</c> entry point.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args) => TypedFgaCommand.RunAsync(args, CliConsole.System);
}
