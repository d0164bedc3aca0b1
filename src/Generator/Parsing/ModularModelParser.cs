using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using TypedFga.Generator.Diagnostics;
using TypedFga.Generator.Model;
using TypedFga.Language;
using TypedFga.Language.Model;
using TypedFga.Language.Modules;

namespace TypedFga.Generator.Parsing;

/// <summary>
/// Compiles a modular model: an <c>fga.mod</c> file and the <c>.fga</c> module files it lists (all passed as
/// AdditionalFiles), combined into one model that generates one client. Module files are found by their path
/// relative to <c>fga.mod</c>; a problem is reported in the module file it comes from, else in <c>fga.mod</c>.
/// </summary>
internal static class ModularModelParser
{
    /// <summary>The file name that marks a modular model.</summary>
    public const string ModFileName = "fga.mod";

    /// <summary>True when <paramref name="path"/> names an <c>fga.mod</c> file.</summary>
    public static bool IsModFile(string path) =>
        FileName(path).Equals(ModFileName, System.StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The full paths (normalized, see <see cref="NormalizePath"/>) of the module files an <c>fga.mod</c> lists, which
    /// are then not compiled on their own. Empty when the file cannot be read.
    /// </summary>
    public static EquatableArray<string> ListModules(ModelFileInput modFile)
    {
        if (modFile.Text is null)
        {
            return EquatableArray<string>.Empty;
        }

        var directory = Directory(NormalizePath(modFile.Path));
        var modules = new List<string>();
        foreach (var entry in FgaModFile.Parse(modFile.Text, modFile.Path).Contents)
        {
            modules.Add(Combine(directory, entry.Value));
        }

        return modules.ToEquatableArray();
    }

    public static ModelFileResult Parse(ModelFileInput modFile, ImmutableArray<ModelFileInput> modelFiles, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        if (modFile.Text is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(FgaDiagnostics.UnreadableModel, modFile.Path, SourceSpan.None, modFile.Path));
            return Result(modFile, null, diagnostics);
        }

        if (!ModelFileParser.IsUsableNamespace(modFile.Namespace))
        {
            diagnostics.Add(DiagnosticInfo.Create(FgaDiagnostics.InvalidNamespace, modFile.Path, SourceSpan.None, modFile.Namespace, modFile.NamespaceSource));
            return Result(modFile, null, diagnostics);
        }

        // The compiler looks module files up by the path fga.mod lists, relative to fga.mod.
        var directory = Directory(NormalizePath(modFile.Path));
        var prefix = directory.Length == 0 ? string.Empty : directory + "/";
        var files = new List<(string Path, string Text)>();
        var fullPaths = new Dictionary<string, string>(System.StringComparer.Ordinal);
        foreach (var file in modelFiles)
        {
            var path = NormalizePath(file.Path);
            if (file.Text is not null && path.StartsWith(prefix, System.StringComparison.Ordinal))
            {
                var relative = path.Substring(prefix.Length);
                files.Add((relative, file.Text));
                fullPaths[relative] = file.Path;
            }
        }

        var compiled = FgaCompiler.CompileModular(modFile.Text, files, modFile.Path, cancellationToken);
        var sourceFiles = ModelSourceFiles.Modular(modFile.Path, fullPaths);
        var hasErrors = false;
        foreach (var diagnostic in compiled.Diagnostics)
        {
            hasErrors |= diagnostic.Severity == ModelDiagnosticSeverity.Error;
            diagnostics.Add(ModelFileParser.ToDiagnosticInfo(diagnostic, sourceFiles));
        }

        if (hasErrors || compiled.Model is null)
        {
            return Result(modFile, null, diagnostics);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var json = ModelJsonWriter.Write(compiled.Model);
        var spec = SpecBuilder.Build(compiled.Model, json, modFile.Namespace, sourceFiles, diagnostics);
        return Result(modFile, spec, diagnostics);
    }

    /// <summary>A path with <c>/</c> separators and without <c>./</c> segments, to compare paths however they were written.</summary>
    public static string NormalizePath(string path)
    {
        var normalized = path.Replace('\\', '/');
        while (normalized.StartsWith("./", System.StringComparison.Ordinal))
        {
            normalized = normalized.Substring(2);
        }

        return normalized.Replace("/./", "/");
    }

    private static string Combine(string directory, string relative)
    {
        var path = NormalizePath(relative);
        return directory.Length == 0 ? path : directory + "/" + path;
    }

    private static string Directory(string normalizedPath)
    {
        var slash = normalizedPath.LastIndexOf('/');
        return slash < 0 ? string.Empty : normalizedPath.Substring(0, slash);
    }

    private static string FileName(string path)
    {
        var slash = path.LastIndexOfAny(['/', '\\']);
        return slash < 0 ? path : path.Substring(slash + 1);
    }

    private static ModelFileResult Result(ModelFileInput input, ModelSpec? spec, List<DiagnosticInfo> diagnostics) =>
        new(input.Path, input.Namespace, spec, diagnostics.ToEquatableArray());
}
