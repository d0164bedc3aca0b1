using System.Collections.Generic;
using System.Threading;
using TypedFga.Language.Model;
using TypedFga.Language.Modules;
using TypedFga.Language.Parsing;
using TypedFga.Language.Validation;

namespace TypedFga.Language;

/// <summary>
/// Combines the files of a modular model as OpenFGA does: each file must start with <c>module</c>; types and
/// conditions are collected in file order (a repeated condition is an error); <c>extend type</c> blocks then add
/// their relations to the type they extend (a relation may not be defined twice); the result is validated. It sits
/// beside <see cref="FgaCompiler"/>, above the <c>fga.mod</c> reader in <c>Modules</c>, since it parses each file with it.
/// </summary>
internal static class ModularCompiler
{
    public static CompileResult Compile(
        string modText,
        IReadOnlyList<(string Path, string Text)> files,
        string? modFilePath,
        CancellationToken cancellationToken)
    {
        var modFile = FgaModFile.Parse(modText, modFilePath);
        if (!modFile.Diagnostics.IsEmpty)
        {
            return new CompileResult(null, modFile.Diagnostics);
        }

        var byPath = new Dictionary<string, string>(System.StringComparer.Ordinal);
        foreach (var (path, text) in files)
        {
            byPath[NormalizePath(path)] = text;
        }

        var diagnostics = new List<ModelDiagnostic>();
        var types = new List<TypeDefinition>();
        var extensions = new List<(string File, TypeDefinition Type)>();
        var conditions = new List<ConditionDefinition>();
        var conditionNames = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var entry in modFile.Contents)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!byPath.TryGetValue(NormalizePath(entry.Value), out var text))
            {
                diagnostics.Add(Error(ModelDiagnosticKinds.ModFileValidation, $"file {entry.Value} listed in contents was not found", entry.Span, entry.Value, modFilePath));
                continue;
            }

            var parsed = FgaCompiler.ParseFile(text, entry.Value, cancellationToken);
            if (parsed.HasErrors)
            {
                diagnostics.AddRange(parsed.AllErrors);
                continue;
            }

            if (!parsed.IsModule)
            {
                diagnostics.Add(Error(ModelDiagnosticKinds.TransformationError, "file is not a module", SourceSpan.None, entry.Value, entry.Value));
                continue;
            }

            for (var i = 0; i < parsed.Types.Count; i++)
            {
                if (parsed.IsExtension[i])
                {
                    extensions.Add((entry.Value, parsed.Types[i]));
                }
                else
                {
                    types.Add(parsed.Types[i]);
                }
            }

            foreach (var condition in parsed.Conditions)
            {
                if (conditionNames.Add(condition.Name))
                {
                    conditions.Add(condition);
                }
                else
                {
                    diagnostics.Add(Error(ModelDiagnosticKinds.TransformationError, $"duplicate condition {condition.Name}", condition.Span, condition.Name, entry.Value));
                }
            }
        }

        foreach (var (file, extension) in extensions)
        {
            Extend(types, file, extension, diagnostics);
        }

        var model = new AuthorizationModel("1.2", types.ToEquatableArray(), conditions.ToEquatableArray());
        var canCombine = diagnostics.Count == 0;
        diagnostics.AddRange(ModelValidator.Validate(model, model.SchemaVersion, SourceSpan.None, null, cancellationToken));
        return new CompileResult(canCombine ? model : null, diagnostics.ToEquatableArray());
    }

    private static void Extend(List<TypeDefinition> types, string file, TypeDefinition extension, List<ModelDiagnostic> diagnostics)
    {
        var index = types.FindIndex(type => type.Name == extension.Name);
        if (index < 0)
        {
            diagnostics.Add(Error(ModelDiagnosticKinds.TransformationError, $"extended type {extension.Name} does not exist", extension.Span, extension.Name, file, extension.Name));
            return;
        }

        var original = types[index];
        var relations = new List<RelationDefinition>(original.Relations);
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var relation in relations)
        {
            names.Add(relation.Name);
        }

        foreach (var relation in extension.Relations)
        {
            if (!names.Add(relation.Name))
            {
                diagnostics.Add(Error(
                    ModelDiagnosticKinds.TransformationError,
                    $"relation {relation.Name} already exists on type {extension.Name}",
                    relation.Span,
                    relation.Name,
                    file,
                    extension.Name,
                    relation.Name));
                continue;
            }

            relations.Add(relation);
        }

        // An extension of a critical type makes its relations critical as well.
        if (original.IsCritical)
        {
            for (var i = 0; i < relations.Count; i++)
            {
                relations[i] = relations[i].IsCritical ? relations[i] : relations[i] with { IsCritical = true };
            }
        }

        types[index] = original with { Relations = relations.ToEquatableArray() };
    }

    private static ModelDiagnostic Error(string kind, string message, SourceSpan span, string symbol, string? file, string? objectType = null, string? relation = null) =>
        new(kind, message, span, ModelDiagnosticSeverity.Error, symbol, file, objectType, relation);

    private static string NormalizePath(string path)
    {
        var normalized = path.Replace('\\', '/');
        while (normalized.StartsWith("./", System.StringComparison.Ordinal))
        {
            normalized = normalized.Substring(2);
        }

        return normalized;
    }
}
