using System.Collections.Generic;
using System.Threading;
using TypedFga.Language.Model;

namespace TypedFga.Language.Validation;

/// <summary>
/// OpenFGA's semantic rules for a model, in OpenFGA's order: names first; then, when those are fine, the
/// references of every relation; then duplicates; then entry points; unused conditions last. A stage runs only
/// when the earlier ones found nothing, because their errors would only cascade.
/// </summary>
internal sealed partial class ModelValidator
{
    private const int MaxTypeNameLength = 254;
    private const int MaxRelationNameLength = 50;

    private readonly AuthorizationModel _model;
    private readonly string? _defaultFile;
    private readonly CancellationToken _cancellationToken;
    private readonly List<ModelDiagnostic> _diagnostics = new();
    private ModelIndex _index = null!;

    private ModelValidator(AuthorizationModel model, string? defaultFile, CancellationToken cancellationToken)
    {
        _model = model;
        _defaultFile = defaultFile;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Validates a model.</summary>
    /// <param name="model">The model.</param>
    /// <param name="schemaVersion">The declared schema version; null when there is none (a module file).</param>
    /// <param name="schemaVersionSpan">Where the version is written.</param>
    /// <param name="defaultFile">The file reported for definitions that carry none.</param>
    /// <param name="cancellationToken">Stops the work early.</param>
    public static List<ModelDiagnostic> Validate(
        AuthorizationModel model,
        string? schemaVersion,
        SourceSpan schemaVersionSpan,
        string? defaultFile,
        CancellationToken cancellationToken)
    {
        var validator = new ModelValidator(model, defaultFile, cancellationToken);
        validator.Run(schemaVersion, schemaVersionSpan);
        return validator._diagnostics;
    }

    private void Run(string? schemaVersion, SourceSpan schemaVersionSpan)
    {
        CheckNames();
        if (string.IsNullOrEmpty(schemaVersion))
        {
            Report(ModelDiagnosticKinds.SchemaVersionRequired, "schema version required", SourceSpan.None, string.Empty, _defaultFile);
            return;
        }

        if (schemaVersion is not ("1.1" or "1.2"))
        {
            Report(ModelDiagnosticKinds.InvalidSchema, $"invalid schema {schemaVersion}", schemaVersionSpan, schemaVersion!, _defaultFile);
            return;
        }

        if (_diagnostics.Count > 0)
        {
            return;
        }

        _index = new ModelIndex(_model);
        CheckReferences();
        if (_diagnostics.Count == 0)
        {
            CheckDuplicates();
        }

        if (_diagnostics.Count == 0)
        {
            CheckEntryPoints();
        }

        CheckUnusedConditions();
    }

    private void CheckNames()
    {
        foreach (var type in _model.Types)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var typeFile = type.SourceFile ?? _defaultFile;
            if (type.Name is "self" or "this")
            {
                Report(ModelDiagnosticKinds.ReservedTypeKeywords, "a type cannot be named 'self' or 'this'.", type.Span, type.Name, typeFile, type.Name);
            }

            if (!IsValidName(type.Name, MaxTypeNameLength))
            {
                Report(
                    ModelDiagnosticKinds.InvalidName,
                    $"type '{type.Name}' does not match naming rule: '^[^:#@\\*\\s]{{1,{MaxTypeNameLength}}}$'.",
                    type.Span,
                    type.Name,
                    typeFile,
                    type.Name);
            }

            foreach (var relation in type.Relations)
            {
                var relationFile = relation.SourceFile ?? typeFile;
                if (relation.Name is "self" or "this")
                {
                    Report(ModelDiagnosticKinds.ReservedRelationKeywords, "a relation cannot be named 'self' or 'this'.", relation.Span, relation.Name, relationFile, type.Name, relation.Name);
                }

                if (!IsValidName(relation.Name, MaxRelationNameLength))
                {
                    Report(
                        ModelDiagnosticKinds.InvalidName,
                        $"relation '{relation.Name}' of type '{type.Name}' does not match naming rule: '^[^:#@\\*\\s]{{1,{MaxRelationNameLength}}}$'.",
                        relation.Span,
                        relation.Name,
                        relationFile,
                        type.Name,
                        relation.Name);
                }
            }
        }
    }

    private void CheckEntryPoints()
    {
        var analysis = new EntryPointAnalysis(_model, _index, _cancellationToken);
        foreach (var type in _model.Types)
        {
            foreach (var relation in type.Relations)
            {
                if (analysis.HasEntryPoint(type.Name, relation.Name))
                {
                    continue;
                }

                var reason = analysis.IsLoop(type.Name, relation) ? "potential loop" : "no entrypoint";
                Report(
                    ModelDiagnosticKinds.RelationNoEntryPoint,
                    $"`{relation.Name}` is an impossible relation for `{type.Name}` ({reason}).",
                    relation.Span,
                    relation.Name,
                    relation.SourceFile ?? type.SourceFile ?? _defaultFile,
                    type.Name,
                    relation.Name);
            }
        }
    }

    private void CheckUnusedConditions()
    {
        if (_model.Conditions.IsEmpty)
        {
            return;
        }

        var used = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var type in _model.Types)
        {
            foreach (var relation in type.Relations)
            {
                foreach (var restriction in relation.DirectlyRelatedTypes)
                {
                    if (restriction.Condition is not null)
                    {
                        used.Add(restriction.Condition);
                    }
                }
            }
        }

        foreach (var condition in _model.Conditions)
        {
            if (!used.Contains(condition.Name))
            {
                Report(
                    ModelDiagnosticKinds.ConditionNotUsed,
                    $"`{condition.Name}` condition is not used in the model.",
                    condition.Span,
                    condition.Name,
                    condition.SourceFile ?? _defaultFile);
            }
        }
    }

    private void Report(string kind, string message, SourceSpan span, string symbol, string? file, string? objectType = null, string? relation = null) =>
        _diagnostics.Add(new ModelDiagnostic(kind, message, span, ModelDiagnosticSeverity.Error, symbol, file, objectType, relation));

    // OpenFGA's naming rule ^[^:#@*\s]{1,max}$ without a regex on the hot path.
    private static bool IsValidName(string name, int maxLength)
    {
        if (name.Length == 0 || name.Length > maxLength)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (c is ':' or '#' or '@' or '*' || char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A part of a single-line span, <paramref name="offset"/> characters in.</summary>
    private static SourceSpan Slice(SourceSpan span, int offset, int length) =>
        span.Line != span.EndLine || offset < 0 || offset + length > span.Length
            ? span
            : new SourceSpan(span.Start + offset, length, span.Line, span.Column + offset, span.Line, span.Column + offset + length);
}
