using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace TypedFga.Analyzers.CodeFixes;

/// <summary>
/// Fix All for FGA2002: one pass per document, so that several dropped calls in one method make it async once
/// (a batch of independent fixes would each rewrite the same method signature and conflict).
/// </summary>
internal sealed class AddAwaitFixAllProvider : DocumentBasedFixAllProvider
{
    public static AddAwaitFixAllProvider Instance { get; } = new();

    protected override string GetFixAllTitle(FixAllContext fixAllContext) => "Await every dropped OpenFGA call";

    protected override async Task<Document?> FixAllAsync(FixAllContext fixAllContext, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        var root = await document.GetSyntaxRootAsync(fixAllContext.CancellationToken).ConfigureAwait(false);
        return root is null ? document : document.WithSyntaxRoot(AwaitRewriter.Apply(root, diagnostics));
    }
}
