using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using TypedFga.Analyzers.Diagnostics;

namespace TypedFga.Analyzers.CodeFixes;

/// <summary>Puts <c>await</c> in front of dropped calls and makes their methods <c>async</c> where the analyzer said so.</summary>
internal static class AwaitRewriter
{
    /// <summary>The dropped expression a FGA2002 diagnostic points at, if it is still an expression statement.</summary>
    public static ExpressionSyntax? FindDroppedExpression(SyntaxNode root, Diagnostic diagnostic) =>
        root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is ExpressionSyntax expression
        && expression.Parent is ExpressionStatementSyntax or ArrowExpressionClauseSyntax or LambdaExpressionSyntax
            ? expression
            : null;

    /// <summary>Applies every fixable diagnostic of <paramref name="diagnostics"/> to <paramref name="root"/>.</summary>
    public static SyntaxNode Apply(SyntaxNode root, IEnumerable<Diagnostic> diagnostics)
    {
        var awaited = new HashSet<ExpressionSyntax>();
        var madeAsync = new HashSet<SyntaxNode>();
        foreach (var diagnostic in diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.AwaitFix, out var kind) || kind is null
                || FindDroppedExpression(root, diagnostic) is not { } expression)
            {
                continue;
            }

            awaited.Add(expression);
            if (kind == AwaitFixKinds.MakeAsync && FindEnclosingFunction(expression) is { } function)
            {
                madeAsync.Add(function);
            }
        }

        return root.ReplaceNodes(awaited.Concat(madeAsync), (original, rewritten) => original switch
        {
            ExpressionSyntax expression when awaited.Contains(expression) => Await((ExpressionSyntax)rewritten),
            MethodDeclarationSyntax => MakeAsync((MethodDeclarationSyntax)rewritten),
            LocalFunctionStatementSyntax => MakeAsync((LocalFunctionStatementSyntax)rewritten),
            _ => rewritten,
        });
    }

    private static SyntaxNode? FindEnclosingFunction(SyntaxNode node)
    {
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case MethodDeclarationSyntax or LocalFunctionStatementSyntax:
                    return ancestor;
                case AnonymousFunctionExpressionSyntax:
                    return null;
            }
        }

        return null;
    }

    private static AwaitExpressionSyntax Await(ExpressionSyntax expression) =>
        SyntaxFactory.AwaitExpression(
                SyntaxFactory.Token(SyntaxKind.AwaitKeyword).WithTrailingTrivia(SyntaxFactory.Space),
                expression.WithoutLeadingTrivia())
            .WithLeadingTrivia(expression.GetLeadingTrivia());

    private static MethodDeclarationSyntax MakeAsync(MethodDeclarationSyntax method)
    {
        method = method.Body is { } body ? method.WithBody(DropCompletedTaskReturns(body)) : method;
        return method.WithModifiers(AddAsync(method.Modifiers, method.ReturnType, out var returnType)).WithReturnType(returnType);
    }

    private static LocalFunctionStatementSyntax MakeAsync(LocalFunctionStatementSyntax function)
    {
        function = function.Body is { } body ? function.WithBody(DropCompletedTaskReturns(body)) : function;
        return function.WithModifiers(AddAsync(function.Modifiers, function.ReturnType, out var returnType)).WithReturnType(returnType);
    }

    /// <summary>
    /// The analyzer offers the fix on a Task method only when every return yields <c>Task.CompletedTask</c>; in an async
    /// method those become <c>return;</c>, and a final one is dropped.
    /// </summary>
    private static BlockSyntax DropCompletedTaskReturns(BlockSyntax body)
    {
        var returns = body
            .DescendantNodes(static node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
            .OfType<ReturnStatementSyntax>()
            .Where(static statement => statement.Expression is not null)
            .ToList();
        if (returns.Count == 0)
        {
            return body;
        }

        var final = body.Statements.LastOrDefault() as ReturnStatementSyntax;
        body = body.ReplaceNodes(returns, static (original, _) => original.WithExpression(null).WithReturnKeyword(original.ReturnKeyword.WithTrailingTrivia()));
        return final is not null && final.Expression is not null && body.Statements.Last() is { } last
            ? body.RemoveNode(last, SyntaxRemoveOptions.KeepUnbalancedDirectives)!
            : body;
    }

    /// <summary>
    /// Adds <c>async</c> after the other modifiers and turns a <c>void</c> return type into <c>Task</c>. When there are no
    /// modifiers, the return type's leading trivia (the indentation) moves to the new keyword.
    /// </summary>
    private static SyntaxTokenList AddAsync(SyntaxTokenList modifiers, TypeSyntax returnType, out TypeSyntax newReturnType)
    {
        newReturnType = returnType is PredefinedTypeSyntax predefined && predefined.Keyword.IsKind(SyntaxKind.VoidKeyword)
            ? SyntaxFactory.ParseTypeName("global::System.Threading.Tasks.Task")
                .WithTriviaFrom(returnType)
                .WithAdditionalAnnotations(Simplifier.Annotation)
            : returnType;

        if (modifiers.Count == 0)
        {
            var leading = newReturnType.GetLeadingTrivia();
            newReturnType = newReturnType.WithLeadingTrivia();
            return SyntaxFactory.TokenList(SyntaxFactory.Token(leading, SyntaxKind.AsyncKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space)));
        }

        return modifiers.Add(SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space));
    }
}
