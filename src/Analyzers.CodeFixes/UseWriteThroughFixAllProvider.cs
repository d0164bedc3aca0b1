using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace TypedFga.Analyzers.CodeFixes;

/// <summary>Fix All for FGA2001: one pass per document, so any number of calls in one statement are renamed together.</summary>
internal sealed class UseWriteThroughFixAllProvider : DocumentBasedFixAllProvider
{
    public static UseWriteThroughFixAllProvider Instance { get; } = new();

    protected override string GetFixAllTitle(FixAllContext fixAllContext) => "Use write-through on every critical relation";

    protected override async Task<Document?> FixAllAsync(FixAllContext fixAllContext, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        var root = await document.GetSyntaxRootAsync(fixAllContext.CancellationToken).ConfigureAwait(false);
        return root is null ? document : document.WithSyntaxRoot(UseWriteThroughCodeFixProvider.Apply(root, diagnostics));
    }
}
