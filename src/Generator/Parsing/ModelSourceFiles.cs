using System.Collections.Generic;
using TypedFga.Language.Model;

namespace TypedFga.Generator.Parsing;

/// <summary>
/// The AdditionalText files a model's definitions are written in, so that a diagnostic is reported where its span
/// points. A plain model is one file. The definitions of a modular model, and the compiler's findings about them,
/// name their module file as <c>fga.mod</c> lists it (relative to <c>fga.mod</c>); they are mapped here to the
/// path the compiler was given, so that a collision between modules lands in the module file, not in <c>fga.mod</c>.
/// </summary>
internal sealed class ModelSourceFiles
{
    private readonly string _modelPath;
    private readonly Dictionary<string, string> _modulePaths;

    private ModelSourceFiles(string modelPath, Dictionary<string, string> modulePaths)
    {
        _modelPath = modelPath;
        _modulePaths = modulePaths;
    }

    /// <summary>A model written in one file.</summary>
    public static ModelSourceFiles SingleFile(string path) => new(path, new Dictionary<string, string>(System.StringComparer.Ordinal));

    /// <summary>A modular model: its <c>fga.mod</c>, and its module files by path relative to <c>fga.mod</c> (normalized).</summary>
    public static ModelSourceFiles Modular(string modFilePath, Dictionary<string, string> modulePathsByRelativePath) =>
        new(modFilePath, modulePathsByRelativePath);

    /// <summary>
    /// The file and span to report for a finding in <paramref name="file"/> (null: the model file itself). A file that is
    /// neither the model file nor a known module is reported in the model file without a span, since the span is not
    /// one of the model file's.
    /// </summary>
    public (string Path, SourceSpan Span) Locate(string? file, SourceSpan span)
    {
        if (file is null || file == _modelPath)
        {
            return (_modelPath, span);
        }

        return _modulePaths.TryGetValue(ModularModelParser.NormalizePath(file), out var path)
            ? (path, span)
            : (_modelPath, SourceSpan.None);
    }

    /// <summary>Where a type is defined.</summary>
    public (string Path, SourceSpan Span) Of(TypeDefinition type) => Locate(type.SourceFile, type.Span);

    /// <summary>Where a relation is defined: its own module when an <c>extend type</c> added it, else its type's.</summary>
    public (string Path, SourceSpan Span) Of(TypeDefinition type, RelationDefinition relation) =>
        Locate(relation.SourceFile ?? type.SourceFile, relation.Span);

    /// <summary>Where a type restriction is written: in the file of the relation that holds it.</summary>
    public (string Path, SourceSpan Span) Of(TypeDefinition type, RelationDefinition relation, TypeRestriction restriction) =>
        Locate(relation.SourceFile ?? type.SourceFile, restriction.Span);

    /// <summary>Where a condition is defined.</summary>
    public (string Path, SourceSpan Span) Of(ConditionDefinition condition) => Locate(condition.SourceFile, condition.Span);
}
