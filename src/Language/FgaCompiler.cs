using System.Collections.Generic;
using System.Threading;
using TypedFga.Language.Model;
using TypedFga.Language.Parsing;

namespace TypedFga.Language;

/// <summary>
/// Compiles OpenFGA models written in the DSL (schema 1.1, and modular schema 1.2 models) into
/// <see cref="AuthorizationModel"/> values, with OpenFGA's syntax and semantic rules. Bad input never throws:
/// it yields diagnostics. Cancellation is honoured by throwing <see cref="System.OperationCanceledException"/>.
/// </summary>
public static class FgaCompiler
{
    /// <summary>Parses and validates a DSL model.</summary>
    /// <param name="dsl">The model text.</param>
    /// <param name="filePath">The path reported in diagnostics, if any.</param>
    /// <param name="cancellationToken">Stops the work early.</param>
    /// <exception cref="System.ArgumentNullException"><paramref name="dsl"/> is null.</exception>
    public static CompileResult Compile(string dsl, string? filePath = null, CancellationToken cancellationToken = default)
    {
        var parsed = ParseFile(dsl, filePath, cancellationToken);
        if (parsed.HasErrors)
        {
            return new CompileResult(null, parsed.AllErrors.ToEquatableArray());
        }

        var model = parsed.ToModel();
        var diagnostics = Validation.ModelValidator.Validate(
            model,
            parsed.SchemaVersion,
            parsed.SchemaVersionSpan,
            filePath,
            cancellationToken);
        return new CompileResult(model, diagnostics.ToEquatableArray());
    }

    /// <summary>
    /// Parses a DSL model without semantic validation, as OpenFGA's transformer does: <c>viewer from editor</c>
    /// is accepted even when <c>editor</c> does not exist. Only syntax errors are reported.
    /// </summary>
    /// <param name="dsl">The model text.</param>
    /// <param name="filePath">The path reported in diagnostics, if any.</param>
    /// <param name="cancellationToken">Stops the work early.</param>
    /// <exception cref="System.ArgumentNullException"><paramref name="dsl"/> is null.</exception>
    public static CompileResult Parse(string dsl, string? filePath = null, CancellationToken cancellationToken = default)
    {
        var parsed = ParseFile(dsl, filePath, cancellationToken);
        return parsed.HasErrors
            ? new CompileResult(null, parsed.AllErrors.ToEquatableArray())
            : new CompileResult(parsed.ToModel(), EquatableArray<ModelDiagnostic>.Empty);
    }

    /// <summary>
    /// Applies OpenFGA's semantic rules to a model that did not come from DSL text, for example one read from
    /// OpenFGA's JSON: names, references between types and relations, tuple-to-userset rules, duplicates,
    /// entry points and unused conditions. Such a model has no source positions, so the diagnostics carry no
    /// spans; <see cref="ModelDiagnostic.ObjectType"/> and <see cref="ModelDiagnostic.Relation"/> say where each
    /// problem is.
    /// </summary>
    /// <param name="model">The model; its <see cref="AuthorizationModel.SchemaVersion"/> is validated too (empty means missing).</param>
    /// <param name="cancellationToken">Stops the work early.</param>
    /// <returns>Every problem found, in OpenFGA's order; empty when the model is valid.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="model"/> is null.</exception>
    public static EquatableArray<ModelDiagnostic> Validate(AuthorizationModel model, CancellationToken cancellationToken = default)
    {
        if (model is null)
        {
            throw new System.ArgumentNullException(nameof(model));
        }

        return Validation.ModelValidator.Validate(model, model.SchemaVersion, SourceSpan.None, null, cancellationToken)
            .ToEquatableArray();
    }

    /// <summary>
    /// Compiles a modular model: an <c>fga.mod</c> file (<c>schema: '1.2'</c>, <c>contents: [...]</c>) and the
    /// module files it lists, combined as OpenFGA combines them (<c>extend type</c> merged into the extended
    /// type, <c>module</c> and <c>source_info</c> recorded), then validated.
    /// A problem in a module file, including a name that two modules both define (a type, a relation added by
    /// <c>extend type</c>, a condition), carries that file's path as <c>contents</c> lists it in
    /// <see cref="ModelDiagnostic.File"/> and a span in that file's text; only problems of <c>fga.mod</c> itself carry
    /// <paramref name="modFilePath"/>.
    /// </summary>
    /// <param name="fgaModText">The text of <c>fga.mod</c>.</param>
    /// <param name="files">The module files, by path relative to <c>fga.mod</c> (as listed in <c>contents</c>).</param>
    /// <param name="modFilePath">The path reported for problems in <c>fga.mod</c> itself.</param>
    /// <param name="cancellationToken">Stops the work early.</param>
    /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
    public static CompileResult CompileModular(
        string fgaModText,
        IReadOnlyList<(string Path, string Text)> files,
        string? modFilePath = "fga.mod",
        CancellationToken cancellationToken = default)
    {
        if (fgaModText is null)
        {
            throw new System.ArgumentNullException(nameof(fgaModText));
        }

        if (files is null)
        {
            throw new System.ArgumentNullException(nameof(files));
        }

        return ModularCompiler.Compile(fgaModText, files, modFilePath, cancellationToken);
    }

    internal static ParsedFile ParseFile(string dsl, string? filePath, CancellationToken cancellationToken)
    {
        if (dsl is null)
        {
            throw new System.ArgumentNullException(nameof(dsl));
        }

        return Parser.Parse(dsl, filePath, cancellationToken);
    }
}
