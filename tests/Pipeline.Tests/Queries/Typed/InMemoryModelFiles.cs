using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace TypedFga.Pipeline.Tests.Queries.Typed;

/// <summary>A model text handed to the generator as an AdditionalFile, without a file on disk.</summary>
internal sealed class InMemoryModelFile(string path, string text) : AdditionalText
{
    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
}

/// <summary>
/// The <c>FgaNamespace</c> metadata of each in-memory model file, as MSBuild would pass it: a namespace per model,
/// so the generated types of different models never share a name.
/// </summary>
internal sealed class ModelNamespaceOptions(IReadOnlyDictionary<string, string> namespaceByPath) : AnalyzerConfigOptionsProvider
{
    public override AnalyzerConfigOptions GlobalOptions => Values.Empty;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Values.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
        namespaceByPath.TryGetValue(textFile.Path, out var @namespace)
            ? new Values(new Dictionary<string, string> { ["build_metadata.AdditionalFiles.FgaNamespace"] = @namespace })
            : Values.Empty;

    private sealed class Values(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static Values Empty { get; } = new([]);

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
