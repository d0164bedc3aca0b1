using System.Collections.Generic;
using System.Threading;
using TypedFga.Generator.Diagnostics;
using TypedFga.Generator.Model;
using TypedFga.Language;
using TypedFga.Language.Model;

namespace TypedFga.Generator.Parsing;

/// <summary>
/// Compiles one <c>.fga</c> file with the shared OpenFGA language compiler and turns the result into a
/// <see cref="ModelSpec"/>, mapping the compiler's findings to FGA1xxx diagnostics at their place in the file.
/// </summary>
internal static class ModelFileParser
{
    public static ModelFileResult Parse(ModelFileInput input, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        if (input.Text is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(FgaDiagnostics.UnreadableModel, input.Path, SourceSpan.None, input.Path));
            return Result(input, null, diagnostics);
        }

        if (!IsUsableNamespace(input.Namespace))
        {
            diagnostics.Add(DiagnosticInfo.Create(FgaDiagnostics.InvalidNamespace, input.Path, SourceSpan.None, input.Namespace, input.NamespaceSource));
            return Result(input, null, diagnostics);
        }

        var compiled = FgaCompiler.Compile(input.Text, input.Path, cancellationToken);
        var sourceFiles = ModelSourceFiles.SingleFile(input.Path);
        var hasErrors = false;
        foreach (var diagnostic in compiled.Diagnostics)
        {
            hasErrors |= diagnostic.Severity == ModelDiagnosticSeverity.Error;
            diagnostics.Add(ToDiagnosticInfo(diagnostic, sourceFiles));
        }

        if (hasErrors || compiled.Model is null)
        {
            return Result(input, null, diagnostics);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var json = ModelJsonWriter.Write(compiled.Model);
        var spec = SpecBuilder.Build(compiled.Model, json, input.Namespace, sourceFiles, diagnostics);
        return Result(input, spec, diagnostics);
    }

    /// <summary>A namespace the generated code can live in: valid C#, and no part that would shadow the generated types.</summary>
    public static bool IsUsableNamespace(string value)
    {
        if (!Naming.Identifiers.IsValidNamespace(value))
        {
            return false;
        }

        foreach (var part in value.Split('.'))
        {
            if (part is "Fga" or "FgaTypes")
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The FGA1xxx diagnostic for a compiler finding, in the file it names (a module file of a modular model) at its
    /// span there, else in the model file.
    /// </summary>
    public static DiagnosticInfo ToDiagnosticInfo(ModelDiagnostic diagnostic, ModelSourceFiles files)
    {
        var (path, span) = files.Locate(diagnostic.File, diagnostic.Span);
        if (diagnostic.Severity == ModelDiagnosticSeverity.Warning)
        {
            return DiagnosticInfo.Create(FgaDiagnostics.ModelWarning, path, span, diagnostic.Message, diagnostic.Kind);
        }

        return diagnostic.Kind == ModelDiagnosticKinds.SyntaxError
            ? DiagnosticInfo.Create(FgaDiagnostics.ModelSyntaxError, path, span, diagnostic.Message)
            : DiagnosticInfo.Create(FgaDiagnostics.ModelSemanticError, path, span, diagnostic.Message, diagnostic.Kind);
    }

    private static ModelFileResult Result(ModelFileInput input, ModelSpec? spec, List<DiagnosticInfo> diagnostics) =>
        new(input.Path, input.Namespace, spec, diagnostics.ToEquatableArray());
}
