using TypedFga.Cli.Reporting;
using TypedFga.Language;
using TypedFga.Language.Model;
using TypedFga.Language.Modules;

namespace TypedFga.Cli.Model;

/// <summary>
/// A model on disk: one <c>.fga</c> file, or an <c>fga.mod</c> and the module files its <c>contents</c> lists (paths
/// relative to it), compiled with the language library the source generator uses.
/// </summary>
internal sealed record ModelSource(string Path, CompileResult Compiled)
{
    public static async Task<ModelSource> CompileAsync(FileInfo file, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            throw new CommandFailedException($"No model at '{file.FullName}'.", ExitCodes.Usage);
        }

        var text = await File.ReadAllTextAsync(file.FullName, cancellationToken);
        if (!IsModFile(file))
        {
            return new ModelSource(file.FullName, FgaCompiler.Compile(text, file.FullName, cancellationToken));
        }

        // Files that are missing are left out: the compiler reports each at its entry in fga.mod.
        var modules = new List<(string Path, string Text)>();
        foreach (var entry in FgaModFile.Parse(text, file.FullName).Contents)
        {
            var path = System.IO.Path.Combine(file.DirectoryName!, entry.Value);
            if (File.Exists(path))
            {
                modules.Add((entry.Value, await File.ReadAllTextAsync(path, cancellationToken)));
            }
        }

        return new ModelSource(file.FullName, FgaCompiler.CompileModular(text, modules, file.FullName, cancellationToken));
    }

    /// <summary>Where a diagnostic is: a module file (named relative to fga.mod) or the file given.</summary>
    public string PathOf(ModelDiagnostic diagnostic) =>
        diagnostic.File is { Length: > 0 } file && !System.IO.Path.IsPathRooted(file)
            ? System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Path)!, file))
            : diagnostic.File ?? Path;

    private static bool IsModFile(FileInfo file) =>
        string.Equals(file.Name, "fga.mod", StringComparison.OrdinalIgnoreCase) || string.Equals(file.Extension, ".mod", StringComparison.OrdinalIgnoreCase);
}
