using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using TypedFga.Analyzers.Diagnostics;

namespace TypedFga.Analyzers.CodeFixes;

/// <summary>
/// FGA2002: awaits a dropped relation call, making the enclosing method <c>async</c> where the analyzer found
/// that safe (<see cref="DiagnosticProperties.AwaitFix"/>). No fix is offered where it did not.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddAwaitCodeFixProvider)), Shared]
public sealed class AddAwaitCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = "TypedFga.AddAwait";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.DroppedRelationCall);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => AddAwaitFixAllProvider.Instance;

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
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.AwaitFix, out var kind) || kind is null
                || AwaitRewriter.FindDroppedExpression(root, diagnostic) is null)
            {
                continue;
            }

            var title = kind == AwaitFixKinds.MakeAsync ? "Await the call and make the method async" : "Await the call";
            context.RegisterCodeFix(
                CodeAction.Create(
                    title,
                    cancellationToken => Task.FromResult(context.Document.WithSyntaxRoot(AwaitRewriter.Apply(root, [diagnostic]))),
                    EquivalenceKey),
                diagnostic);
        }
    }
}
