using System.Collections.Generic;
using TypedFga.Language.Model;

namespace TypedFga.Language.Validation;

/// <summary>Every name a relation refers to must exist: types, relations, tuplesets and conditions.</summary>
internal sealed partial class ModelValidator
{
    private void CheckReferences()
    {
        var pending = new Queue<Rewrite>();
        foreach (var type in _model.Types)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            // Like OpenFGA, check the definition that wins when a type is defined twice (the last one), and
            // check it once: the losing definition may sit in another module file, where the winner's spans mean nothing.
            if (!_index.IsWinningDefinition(type))
            {
                continue;
            }

            foreach (var relation in type.Relations)
            {
                var file = relation.SourceFile ?? type.SourceFile ?? _defaultFile;

                // Breadth first, the order in which OpenFGA reports.
                pending.Enqueue(relation.Rewrite);
                while (pending.Count > 0)
                {
                    switch (pending.Dequeue())
                    {
                        case UnionRewrite union:
                            Enqueue(pending, union.Children);
                            break;
                        case IntersectionRewrite intersection:
                            Enqueue(pending, intersection.Children);
                            break;
                        case DifferenceRewrite difference:
                            pending.Enqueue(difference.Base.Value);
                            pending.Enqueue(difference.Subtract.Value);
                            break;
                        case DirectRewrite:
                            CheckDirect(type, relation, file);
                            break;
                        case ComputedUsersetRewrite computed:
                            CheckComputed(type, relation, computed, file);
                            break;
                        case TupleToUsersetRewrite tupleToUserset:
                            CheckTupleToUserset(type, relation, tupleToUserset, file);
                            break;
                    }
                }
            }
        }
    }

    private static void Enqueue(Queue<Rewrite> pending, EquatableArray<RewriteNode> children)
    {
        foreach (var child in children)
        {
            pending.Enqueue(child.Value);
        }
    }

    private void CheckDirect(TypeDefinition type, RelationDefinition relation, string? file)
    {
        foreach (var restriction in relation.DirectlyRelatedTypes)
        {
            var typeExists = _index.HasType(restriction.Type);
            if (!typeExists)
            {
                Report(
                    ModelDiagnosticKinds.InvalidType,
                    $"`{restriction.Type}` is not a valid type.",
                    Slice(restriction.Span, 0, restriction.Type.Length),
                    restriction.Type,
                    file,
                    type.Name,
                    relation.Name);
            }

            if (restriction.Condition is not null && !_index.HasCondition(restriction.Condition))
            {
                Report(
                    ModelDiagnosticKinds.ConditionNotDefined,
                    $"`{restriction.Condition}` is not a defined condition in the model.",
                    restriction.ConditionSpan,
                    restriction.Condition,
                    file,
                    type.Name,
                    relation.Name);
            }

            if (restriction.Relation is not null && _index.Relation(restriction.Type, restriction.Relation) is null)
            {
                Report(
                    ModelDiagnosticKinds.InvalidRelationType,
                    $"`{restriction.Relation}` is not a valid relation for `{restriction.Type}`.",
                    restriction.Span,
                    restriction.SubjectText,
                    file,
                    type.Name,
                    relation.Name);
            }
        }
    }

    private void CheckComputed(TypeDefinition type, RelationDefinition relation, ComputedUsersetRewrite computed, string? file)
    {
        if (_index.Relation(type.Name, computed.Relation) is null)
        {
            Report(
                ModelDiagnosticKinds.MissingDefinition,
                $"the relation `{computed.Relation}` does not exist.",
                computed.Span,
                computed.Relation,
                file,
                type.Name,
                relation.Name);
        }
    }

    private void CheckTupleToUserset(TypeDefinition type, RelationDefinition relation, TupleToUsersetRewrite rewrite, string? file)
    {
        var symbol = rewrite.ComputedRelation + " from " + rewrite.Tupleset;
        var tuplesetSpan = Slice(rewrite.Span, rewrite.Span.Length - rewrite.Tupleset.Length, rewrite.Tupleset.Length);
        var tupleset = _index.Relation(type.Name, rewrite.Tupleset);
        if (tupleset is null)
        {
            Report(
                ModelDiagnosticKinds.InvalidRelationType,
                $"`{rewrite.Tupleset}` is not a valid relation for `{type.Name}`.",
                rewrite.Span,
                symbol,
                file,
                type.Name,
                relation.Name);
            return;
        }

        // The tupleset must be a plain direct relation whose types are plain types (no wildcard, no userset).
        var isSingle = tupleset.Rewrite is not (UnionRewrite or IntersectionRewrite or DifferenceRewrite);
        var tuplesetTypes = tupleset.Rewrite is DirectRewrite ? tupleset.DirectlyRelatedTypes : EquatableArray<TypeRestriction>.Empty;
        if (!isSingle || tuplesetTypes.IsEmpty)
        {
            ReportTuplesetNotDirect(type, relation, rewrite, tuplesetSpan, file);
            return;
        }

        List<string>? typesWithoutRelation = null;
        foreach (var restriction in tuplesetTypes)
        {
            if (restriction.IsWildcard || restriction.Relation is not null)
            {
                ReportTuplesetNotDirect(type, relation, rewrite, tuplesetSpan, file);
            }
            else if (_index.Relation(restriction.Type, rewrite.ComputedRelation) is null)
            {
                (typesWithoutRelation ??= new List<string>()).Add(restriction.Type);
            }
        }

        // Valid as long as at least one of the tupleset's types has the relation.
        if (typesWithoutRelation is null || typesWithoutRelation.Count != tuplesetTypes.Count)
        {
            return;
        }

        foreach (var typeName in typesWithoutRelation)
        {
            Report(
                ModelDiagnosticKinds.InvalidRelationOnTupleset,
                $"the `{rewrite.ComputedRelation}` relation definition on type `{type.Name}` is not valid: " +
                $"`{rewrite.ComputedRelation}` does not exist on `{rewrite.Tupleset}`, which is of type `{typeName}`.",
                rewrite.Span,
                symbol,
                file,
                type.Name,
                relation.Name);
        }
    }

    private void ReportTuplesetNotDirect(TypeDefinition type, RelationDefinition relation, TupleToUsersetRewrite rewrite, SourceSpan tuplesetSpan, string? file) =>
        Report(
            ModelDiagnosticKinds.TuplesetNotDirect,
            $"`{rewrite.Tupleset}` relation used inside from allows only direct relation.",
            tuplesetSpan,
            rewrite.Tupleset,
            file,
            type.Name,
            relation.Name);
}
