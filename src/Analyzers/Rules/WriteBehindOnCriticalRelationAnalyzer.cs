using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TypedFga.Analyzers.Diagnostics;
using TypedFga.Analyzers.Symbols;

namespace TypedFga.Analyzers.Rules;

/// <summary>
/// FGA2001: <c>Grant</c>/<c>Revoke</c> (write-behind) called, or taken as a method group, on a relation the model
/// marks <c># @critical</c>. Reported on the method name so the fix can swap it for <c>GrantNow</c>/<c>RevokeNow</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class WriteBehindOnCriticalRelationAnalyzer : DiagnosticAnalyzer
{
    private static readonly ImmutableDictionary<string, string?> GrantFix =
        ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Replacement, "GrantNow");

    private static readonly ImmutableDictionary<string, string?> RevokeFix =
        ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Replacement, "RevokeNow");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.WriteBehindOnCriticalRelation);

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

            start.RegisterOperationAction(
                operation => AnalyzeInvocation(operation, symbols), OperationKind.Invocation);
            start.RegisterOperationAction(
                operation => AnalyzeMethodReference(operation, symbols), OperationKind.MethodReference);
        });
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, FgaApiSymbols symbols)
    {
        var invocation = (IInvocationOperation)context.Operation;
        Report(context, symbols, invocation.TargetMethod, invocation.Instance, invocation.Syntax);
    }

    private static void AnalyzeMethodReference(OperationAnalysisContext context, FgaApiSymbols symbols)
    {
        var reference = (IMethodReferenceOperation)context.Operation;
        Report(context, symbols, reference.Method, reference.Instance, reference.Syntax);
    }

    private static void Report(OperationAnalysisContext context, FgaApiSymbols symbols, IMethodSymbol method, IOperation? receiver, SyntaxNode syntax)
    {
        // The name test first: it rejects almost every call before any symbol is looked at.
        var fix = method.Name switch
        {
            "Grant" => GrantFix,
            "Revoke" => RevokeFix,
            _ => null,
        };
        if (fix is null || method.IsStatic)
        {
            return;
        }

        var relation = symbols.GetRelation(method.ContainingType);
        if (relation is null || !symbols.IsCritical(relation, receiver))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.WriteBehindOnCriticalRelation,
            MethodNameLocation(syntax),
            fix,
            method.Name,
            relation.QualifiedName,
            fix[DiagnosticProperties.Replacement]));
    }

    private static Location MethodNameLocation(SyntaxNode syntax)
    {
        var target = syntax is InvocationExpressionSyntax invocation ? invocation.Expression : syntax;
        return target switch
        {
            MemberAccessExpressionSyntax member => member.Name.GetLocation(),
            MemberBindingExpressionSyntax binding => binding.Name.GetLocation(),
            _ => target.GetLocation(),
        };
    }
}
