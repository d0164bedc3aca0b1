using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TypedFga.Analyzers.Diagnostics;

namespace TypedFga.Analyzers.CodeFixes;

/// <summary>FGA2001: replaces <c>Grant</c>/<c>Revoke</c> with <c>GrantNow</c>/<c>RevokeNow</c> on a critical relation.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseWriteThroughCodeFixProvider)), Shared]
public sealed class UseWriteThroughCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = "TypedFga.UseWriteThrough";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.WriteBehindOnCriticalRelation);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => UseWriteThroughFixAllProvider.Instance;

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
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.Replacement, out var replacement) || replacement is null
                || FindMethodName(root, diagnostic) is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Use '{replacement}' (write-through)",
                    cancellationToken => Task.FromResult(context.Document.WithSyntaxRoot(Apply(root, [diagnostic]))),
                    EquivalenceKey),
                diagnostic);
        }
    }

    /// <summary>Renames every reported method name in <paramref name="root"/> to its write-through counterpart.</summary>
    internal static SyntaxNode Apply(SyntaxNode root, IEnumerable<Diagnostic> diagnostics)
    {
        var renames = new Dictionary<SimpleNameSyntax, string>();
        foreach (var diagnostic in diagnostics)
        {
            if (diagnostic.Properties.TryGetValue(DiagnosticProperties.Replacement, out var replacement) && replacement is not null
                && FindMethodName(root, diagnostic) is { } name)
            {
                renames[name] = replacement;
            }
        }

        return root.ReplaceNodes(renames.Keys, (original, _) => Rename(original, renames[original]));
    }

    private static SimpleNameSyntax? FindMethodName(SyntaxNode root, Diagnostic diagnostic) =>
        root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) as SimpleNameSyntax;

    private static SimpleNameSyntax Rename(SimpleNameSyntax name, string replacement)
    {
        var identifier = SyntaxFactory.Identifier(name.Identifier.LeadingTrivia, replacement, name.Identifier.TrailingTrivia);
        return name.WithIdentifier(identifier);
    }
}
