using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TypedFga.Analyzers.Diagnostics;

namespace TypedFga.Analyzers.CodeFixes;

/// <summary>
/// FGA2003: replaces a string literal such as <c>"document:roadmap"</c> passed to a typed object factory with the id
/// alone, <c>"roadmap"</c>. Offered only for literals, and only when the id without its prefix is one OpenFGA accepts.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseBareObjectIdCodeFixProvider)), Shared]
public sealed class UseBareObjectIdCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = "TypedFga.UseBareObjectId";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.InvalidObjectId);

    /// <inheritdoc />
    // Each fix rewrites one literal of its own, so the batch fixer can merge them.
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.BareId, out var bareId) || bareId is null
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not LiteralExpressionSyntax literal
                || !literal.IsKind(SyntaxKind.StringLiteralExpression))
            {
                continue;
            }

            var replacement = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(bareId))
                .WithTriviaFrom(literal);
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Pass the id alone: \"{bareId}\"",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(literal, replacement))),
                    EquivalenceKey),
                diagnostic);
        }
    }
}
