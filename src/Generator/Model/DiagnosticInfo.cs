using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using TypedFga.Generator.Diagnostics;
using TypedFga.Language.Model;

namespace TypedFga.Generator.Model;

/// <summary>
/// A diagnostic kept as plain values so the pipeline can cache it; turned into a Roslyn
/// <see cref="Diagnostic"/> only when reported.
/// </summary>
internal sealed record DiagnosticInfo(string Id, string FilePath, SourceSpan Span, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, string filePath, SourceSpan span, params string[] arguments) =>
        new(descriptor.Id, filePath, span, new EquatableArray<string>(arguments));

    public Diagnostic ToDiagnostic()
    {
        var location = Location.Create(
            FilePath,
            new TextSpan(Span.Start, Span.Length),
            new LinePositionSpan(new LinePosition(Span.Line, Span.Column), new LinePosition(Span.EndLine, Span.EndColumn)));
        var arguments = new object[Arguments.Count];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = Arguments[i];
        }

        return Diagnostic.Create(FgaDiagnostics.ById(Id), location, arguments);
    }
}

/// <summary>The result of reading one model file: a spec when code can be generated, and its diagnostics.</summary>
internal sealed record ModelFileResult(string FilePath, string Namespace, ModelSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);
