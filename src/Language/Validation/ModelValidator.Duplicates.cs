using System.Collections.Generic;
using TypedFga.Language.Model;

namespace TypedFga.Language.Validation;

/// <summary>
/// Duplicate types, duplicate entries of a type restriction and duplicate operands of one operator.
/// As in OpenFGA, the error points at the first occurrence (the one the duplicate repeats).
/// </summary>
internal sealed partial class ModelValidator
{
    private void CheckDuplicates()
    {
        var firstByName = new Dictionary<string, TypeDefinition>(System.StringComparer.Ordinal);
        var reportedAt = new HashSet<(string? File, int Start)>();
        foreach (var type in _model.Types)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (firstByName.ContainsKey(type.Name))
            {
                // A third definition in the same file would repeat the report of the second; it gets its own place.
                var span = FirstDefinitionInFile(type).Span;
                if (!reportedAt.Add((type.SourceFile, span.Start)))
                {
                    span = type.Span;
                }

                Report(
                    ModelDiagnosticKinds.DuplicatedError,
                    $"the type `{type.Name}` is a duplicate.",
                    span,
                    type.Name,
                    type.SourceFile ?? _defaultFile,
                    type.Name);
            }
            else
            {
                firstByName.Add(type.Name, type);
            }

            foreach (var relation in type.Relations)
            {
                var file = relation.SourceFile ?? type.SourceFile ?? _defaultFile;
                CheckDuplicateRestrictions(type, relation, file);
                CheckDuplicateOperands(type, relation, file);
            }
        }
    }

    /// <summary>
    /// Where OpenFGA reports a duplicate type: at the first definition of the name in the duplicate's own file. That is
    /// the first occurrence in a single-file model, and the offending definition when it repeats a type of another module.
    /// </summary>
    private TypeDefinition FirstDefinitionInFile(TypeDefinition duplicate)
    {
        foreach (var type in _model.Types)
        {
            if (type.Name == duplicate.Name && type.SourceFile == duplicate.SourceFile)
            {
                return type;
            }
        }

        return duplicate;
    }

    private void CheckDuplicateRestrictions(TypeDefinition type, RelationDefinition relation, string? file)
    {
        var restrictions = relation.DirectlyRelatedTypes;
        if (restrictions.Count < 2)
        {
            return;
        }

        var seen = new Dictionary<string, TypeRestriction>(System.StringComparer.Ordinal);
        foreach (var restriction in restrictions)
        {
            var key = restriction.Condition is null ? restriction.SubjectText : restriction.SubjectText + " with " + restriction.Condition;
            if (seen.TryGetValue(key, out var first))
            {
                Report(
                    ModelDiagnosticKinds.DuplicatedError,
                    $"the type restriction `{key}` is a duplicate in the relation `{relation.Name}`.",
                    first.Span,
                    key,
                    file,
                    type.Name,
                    relation.Name);
            }
            else
            {
                seen.Add(key, restriction);
            }
        }
    }

    private void CheckDuplicateOperands(TypeDefinition type, RelationDefinition relation, string? file)
    {
        switch (relation.Rewrite)
        {
            case UnionRewrite union:
                CheckDuplicateChildren(type, relation, union.Children, file);
                break;
            case IntersectionRewrite intersection:
                CheckDuplicateChildren(type, relation, intersection.Children, file);
                break;
            case DifferenceRewrite difference:
                var baseName = OperandName(difference.Base.Value, out var baseSpan);
                var subtractName = OperandName(difference.Subtract.Value, out _);
                if (baseName is not null && baseName == subtractName)
                {
                    ReportDuplicateOperand(type, relation, baseName, baseSpan, file);
                }

                break;
        }
    }

    private void CheckDuplicateChildren(TypeDefinition type, RelationDefinition relation, EquatableArray<RewriteNode> children, string? file)
    {
        var seen = new Dictionary<string, SourceSpan>(System.StringComparer.Ordinal);
        foreach (var child in children)
        {
            var name = OperandName(child.Value, out var span);
            if (name is null)
            {
                continue;
            }

            if (seen.TryGetValue(name, out var firstSpan))
            {
                ReportDuplicateOperand(type, relation, name, firstSpan, file);
            }
            else
            {
                seen.Add(name, span);
            }
        }
    }

    private void ReportDuplicateOperand(TypeDefinition type, RelationDefinition relation, string name, SourceSpan span, string? file) =>
        Report(
            ModelDiagnosticKinds.DuplicatedError,
            $"the partial relation definition `{name}` is a duplicate in the relation `{relation.Name}`.",
            span,
            name,
            file,
            type.Name,
            relation.Name);

    /// <summary>How OpenFGA names an operand for duplicate detection: <c>rel</c> or <c>rel from tupleset</c>.</summary>
    private static string? OperandName(Rewrite rewrite, out SourceSpan span)
    {
        switch (rewrite)
        {
            case ComputedUsersetRewrite computed:
                span = computed.Span;
                return computed.Relation;
            case TupleToUsersetRewrite tupleToUserset:
                span = tupleToUserset.Span;
                return tupleToUserset.ComputedRelation + " from " + tupleToUserset.Tupleset;
            default:
                span = default;
                return null;
        }
    }
}
