using System.Collections.Generic;
using TypedFga.Language.Model;

namespace TypedFga.Language.Parsing;

/// <summary>What the parser learned from one DSL file, including what the model records do not carry.</summary>
internal sealed class ParsedFile
{
    public ParsedFile(DslSource source, string? filePath)
    {
        Source = source;
        FilePath = filePath;
    }

    public DslSource Source { get; }

    public string? FilePath { get; }

    /// <summary>The version after <c>schema</c>, or null for a module file (or when the header is broken).</summary>
    public string? SchemaVersion { get; set; }

    public SourceSpan SchemaVersionSpan { get; set; }

    /// <summary>The name after <c>module</c>, or null for a model file.</summary>
    public string? ModuleName { get; set; }

    public bool IsModule => ModuleName is not null;

    public List<TypeDefinition> Types { get; } = new();

    /// <summary>Parallel to <see cref="Types"/>: true for <c>extend type</c> blocks.</summary>
    public List<bool> IsExtension { get; } = new();

    public List<ConditionDefinition> Conditions { get; } = new();

    /// <summary>Grammar errors (lexer and parser), in source order.</summary>
    public List<ModelDiagnostic> SyntaxErrors { get; } = new();

    /// <summary>Errors OpenFGA's transformer adds after parsing (duplicate relations, conditions, extensions).</summary>
    public List<ModelDiagnostic> TransformErrors { get; } = new();

    public bool HasErrors => SyntaxErrors.Count > 0 || TransformErrors.Count > 0;

    public IEnumerable<ModelDiagnostic> AllErrors
    {
        get
        {
            foreach (var error in SyntaxErrors)
            {
                yield return error;
            }

            foreach (var error in TransformErrors)
            {
                yield return error;
            }
        }
    }

    /// <summary>The model as OpenFGA's transformer would emit it for this file alone.</summary>
    public AuthorizationModel ToModel() => new(
        SchemaVersion ?? string.Empty,
        Types.ToEquatableArray(),
        Conditions.ToEquatableArray());
}
