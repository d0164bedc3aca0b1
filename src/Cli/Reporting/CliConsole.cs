namespace TypedFga.Cli.Reporting;

/// <summary>
/// Where a command reads and writes: results on <see cref="Out"/>, errors and progress on <see cref="Error"/>, and
/// whether a person is at the other end (a confirmation is asked only of a terminal; progress redraws one line only there).
/// </summary>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, TextReader In, bool InputIsTerminal, bool ErrorIsTerminal)
{
    /// <summary>The process's own console.</summary>
    public static CliConsole System => new(Console.Out, Console.Error, Console.In, !Console.IsInputRedirected, !Console.IsErrorRedirected);
}
