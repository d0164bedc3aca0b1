using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TypedFga.Analyzers.Diagnostics;
using TypedFga.Analyzers.Symbols;

namespace TypedFga.Analyzers.Rules;

/// <summary>
/// FGA2002: the ValueTask of a generated relation call (<c>Grant</c>, <c>Revoke</c>, <c>GrantNow</c>, <c>RevokeNow</c>,
/// <c>Check</c>, <c>Users</c>, <c>Expand</c>, or any other awaitable member of a relation type) or of a generated query
/// (<c>Fga.Documents.WhereCanView</c>, <c>Fga.BatchCheck</c>) is used as a statement, so nobody awaits it.
/// An explicit discard (<c>_ = ...</c>) is taken as a deliberate choice and not reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DroppedRelationCallAnalyzer : DiagnosticAnalyzer
{
    private const string WriteConsequence = "the write may never be acknowledged and its failure goes unseen";
    private const string ReadConsequence = "the answer is never read";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.DroppedRelationCall);

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

            start.RegisterOperationAction(operation => Analyze(operation, symbols), OperationKind.Invocation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, FgaApiSymbols symbols)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;

        // Cheap structural tests first: only a call whose value ends up as a statement matters.
        var statement = FindDroppingStatement(invocation, symbols);
        if (statement is null || !symbols.IsValueTask(method.ReturnType))
        {
            return;
        }

        var onRelation = !method.IsStatic && symbols.GetRelation(method.ContainingType) is not null;
        if (!onRelation && !symbols.IsQueryAnswer(method.ReturnType))
        {
            return;
        }

        var consequence = method.ReturnType is INamedTypeSymbol { IsGenericType: true } ? ReadConsequence : WriteConsequence;
        var fix = AwaitFixAnalysis.Classify(statement, context.ContainingSymbol);
        var properties = fix is null
            ? ImmutableDictionary<string, string?>.Empty
            : ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.AwaitFix, fix);

        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.DroppedRelationCall,
            statement.Operation.Syntax.GetLocation(),
            properties,
            method.Name,
            consequence));
    }

    /// <summary>
    /// The expression statement that drops the call's value: the call itself, or a chain of
    /// <c>ConfigureAwait</c>/<c>AsTask</c>/<c>Preserve</c> on it, used as a statement.
    /// </summary>
    private static IExpressionStatementOperation? FindDroppingStatement(IInvocationOperation invocation, FgaApiSymbols symbols)
    {
        IOperation current = invocation;
        while (current.Parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" or "AsTask" or "Preserve" } outer
               && ReferenceEquals(outer.Instance, current)
               && outer.TargetMethod.ContainingType is { } container
               && symbols.IsValueTask(container))
        {
            current = outer;
        }

        return current.Parent as IExpressionStatementOperation;
    }
}
