using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TypedFga.Analyzers.Diagnostics;
using TypedFga.Analyzers.Symbols;

namespace TypedFga.Analyzers.Rules;

/// <summary>
/// FGA2004: a <c>Check</c> on a conditioned relation whose condition has a parameter that no grant in the project
/// stores with the tuple and the check's context does not supply either; OpenFGA then fails the check.
/// </summary>
/// <remarks>
/// Grants and checks live in different files, so the rule gathers both over the compilation and reports at its end
/// (in the IDE, with full-solution analysis). It stays silent where it cannot know: a condition or context built
/// elsewhere counts as supplying everything, and a relation no grant in the project writes with a condition is not
/// judged.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MissingConditionContextAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.MissingConditionContext);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var symbols = FgaApiSymbols.TryCreate(start.Compilation);
            if (symbols is null)
            {
                return;
            }

            var usage = new ConditionUsage();
            start.RegisterOperationAction(operation => Collect(operation, symbols, usage), OperationKind.Invocation);
            start.RegisterCompilationEndAction(end => Report(end, usage));
        });
    }

    private static void Collect(OperationAnalysisContext context, FgaApiSymbols symbols, ConditionUsage usage)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var name = invocation.TargetMethod.Name;
        if (name is not ("Grant" or "GrantNow" or "Check") || symbols.GetRelation(invocation.TargetMethod.ContainingType) is not { } relation)
        {
            return;
        }

        if (name == "Check")
        {
            if (ContextKeys(invocation) is { } keys)
            {
                usage.Checks.Add(new CheckUse(relation, keys, invocation.Syntax.GetLocation()));
            }

            return;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { Name: "condition", Type: INamedTypeSymbol conditionType }
                && ConditionShape.From(conditionType) is { } condition)
            {
                usage.RecordGrant(relation, condition, SuppliedParameters(argument.Value, condition));
            }
        }
    }

    private static void Report(CompilationAnalysisContext context, ConditionUsage usage)
    {
        foreach (var check in usage.Checks)
        {
            foreach (var grant in usage.GrantsOn(check.Relation))
            {
                foreach (var parameter in grant.Condition.Parameters)
                {
                    var key = ConditionParameters.Normalize(parameter);
                    if (!grant.Supplied.Contains(key) && !check.Keys.Contains(key))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(
                            DiagnosticDescriptors.MissingConditionContext,
                            check.Location,
                            check.Relation.QualifiedName,
                            ConditionParameters.ToModelName(parameter),
                            grant.Condition.Name));
                    }
                }
            }
        }
    }

    /// <summary>The normalized keys a check's context supplies, or null when they cannot be known here.</summary>
    private static ImmutableHashSet<string>? ContextKeys(IInvocationOperation check)
    {
        foreach (var argument in check.Arguments)
        {
            if (argument.Parameter?.Name != "context")
            {
                continue;
            }

            if (argument.ArgumentKind == ArgumentKind.DefaultValue)
            {
                return ImmutableHashSet<string>.Empty;
            }

            var value = Unwrap(argument.Value);
            if (value.ConstantValue is { HasValue: true, Value: null })
            {
                return ImmutableHashSet<string>.Empty;
            }

            return value is IObjectCreationOperation { Arguments.IsEmpty: true, Initializer: { } initializer }
                ? InitializerKeys(initializer)
                : null;
        }

        return null;
    }

    private static ImmutableHashSet<string>? InitializerKeys(IObjectOrCollectionInitializerOperation initializer)
    {
        var keys = ImmutableHashSet.CreateBuilder<string>();
        foreach (var element in initializer.Initializers)
        {
            // ["key"] = value, and { "key", value }.
            var key = element switch
            {
                ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Arguments.Length: 1 } indexer } => indexer.Arguments[0].Value.ConstantValue,
                IInvocationOperation { Arguments.Length: 2 } add => add.Arguments[0].Value.ConstantValue,
                _ => default,
            };
            if (!key.HasValue || key.Value is not string text)
            {
                return null;
            }

            keys.Add(ConditionParameters.Normalize(text));
        }

        return keys.ToImmutable();
    }

    /// <summary>The normalized parameters a grant's condition argument stores; all of them when it is not built in place.</summary>
    private static ImmutableHashSet<string> SuppliedParameters(IOperation value, ConditionShape condition)
    {
        var all = condition.Parameters.Select(ConditionParameters.Normalize).ToImmutableHashSet();
        if (Unwrap(value) is not IObjectCreationOperation creation)
        {
            return all;
        }

        if (creation.Initializer is not null)
        {
            return all;
        }

        var supplied = ImmutableHashSet.CreateBuilder<string>();
        foreach (var argument in creation.Arguments)
        {
            if (argument.ArgumentKind != ArgumentKind.DefaultValue && argument.Parameter is { } parameter
                && Unwrap(argument.Value).ConstantValue is not { HasValue: true, Value: null })
            {
                supplied.Add(ConditionParameters.Normalize(parameter.Name));
            }
        }

        return supplied.ToImmutable();
    }

    private static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    private sealed record CheckUse(RelationTypeInfo Relation, ImmutableHashSet<string> Keys, Location Location);

    private sealed record GrantUse(ConditionShape Condition, ImmutableHashSet<string> Supplied);

    /// <summary>What the compilation's grants and checks did with conditions; filled concurrently.</summary>
    private sealed class ConditionUsage
    {
        private readonly ConcurrentDictionary<(string Relation, string Condition), GrantUse> _grants = new();

        public ConcurrentBag<CheckUse> Checks { get; } = [];

        /// <summary>Adds a grant: a parameter counts as stored when any grant of the relation with that condition stores it.</summary>
        public void RecordGrant(RelationTypeInfo relation, ConditionShape condition, ImmutableHashSet<string> supplied) =>
            _grants.AddOrUpdate(
                (relation.QualifiedName, condition.Name),
                new GrantUse(condition, supplied),
                (_, existing) => existing with { Supplied = existing.Supplied.Union(supplied) });

        public IEnumerable<GrantUse> GrantsOn(RelationTypeInfo relation) =>
            _grants.Where(pair => pair.Key.Relation == relation.QualifiedName).OrderBy(pair => pair.Key.Condition, StringComparer.Ordinal).Select(pair => pair.Value);
    }
}
