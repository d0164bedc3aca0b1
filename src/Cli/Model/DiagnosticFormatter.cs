using System.Globalization;
using TypedFga.Language.Model;

namespace TypedFga.Cli.Model;

/// <summary>
/// Writes model diagnostics as compilers do (<c>path(line,col): error FGA1001: message</c>), with the ids and messages
/// the source generator reports for the same findings, so the command line and the build say the same thing.
/// </summary>
internal static class DiagnosticFormatter
{
    // The generator's ids (src/Generator/Diagnostics/FgaDiagnostics.cs), which its docs/diagnostics pages explain.
    private const string SyntaxErrorId = "FGA1001";
    private const string SemanticErrorId = "FGA1002";
    private const string WarningId = "FGA1003";

    public static string Format(ModelDiagnostic diagnostic, string path)
    {
        // Spans are zero-based; editors and build logs count from one. A finding without a place names the file alone.
        var location = diagnostic.Span == SourceSpan.None
            ? path
            : string.Create(CultureInfo.InvariantCulture, $"{path}({diagnostic.Span.Line + 1},{diagnostic.Span.Column + 1})");
        var (severity, id, message) = diagnostic switch
        {
            { Severity: ModelDiagnosticSeverity.Warning } => ("warning", WarningId, $"{diagnostic.Message} ({diagnostic.Kind})"),
            { Kind: ModelDiagnosticKinds.SyntaxError } => ("error", SyntaxErrorId, diagnostic.Message),
            _ => ("error", SemanticErrorId, $"{diagnostic.Message} ({diagnostic.Kind})"),
        };
        return $"{location}: {severity} {id}: {message}";
    }
}
