extern alias generator;

using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using FgaGenerator = generator::TypedFga.Generator.FgaGenerator;

namespace TypedFga.Generator.Tests.Support;

/// <summary>Runs the generator in memory on model files, with MSBuild properties and item metadata as the SDK passes them.</summary>
internal static class GeneratorRunner
{
    public static GeneratorDriver CreateDriver(IEnumerable<ModelFile> models, IReadOnlyDictionary<string, string>? properties = null) =>
        CreateDriver(
            models.Select(m => Text(m.Path, m.Text)),
            properties,
            models.DistinctBy(m => m.Path).ToDictionary(m => m.Path, m => m.Namespace));

    public static GeneratorDriver CreateDriver(
        IEnumerable<AdditionalText> texts,
        IReadOnlyDictionary<string, string>? properties = null,
        Dictionary<string, string?>? itemNamespaces = null) =>
        CSharpGeneratorDriver.Create(
            [new FgaGenerator().AsSourceGenerator()],
            texts,
            TestCompiler.ParseOptions,
            new OptionsProvider(properties ?? new Dictionary<string, string> { ["RootNamespace"] = "App" }, itemNamespaces ?? []),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>An additional file held in memory.</summary>
    public static AdditionalText Text(string path, string text) => new InMemoryText(path, text);

    public static GeneratorDriverRunResult Run(IEnumerable<ModelFile> models, IReadOnlyDictionary<string, string>? properties = null) =>
        CreateDriver(models, properties).RunGenerators(TestCompiler.Create([])).GetRunResult();

    public static GeneratorDriverRunResult Run(string modelText, string path = "/src/model.fga") => Run([new ModelFile(path, modelText)]);

    public static (string HintName, string Text)[] Sources(GeneratorDriverRunResult result) =>
        result.Results.SelectMany(r => r.GeneratedSources).Select(s => (s.HintName, s.SourceText.ToString())).ToArray();

    /// <summary>A <c>.fga</c> file, optionally with <c>FgaNamespace</c> item metadata.</summary>
    public sealed record ModelFile(string Path, string Text, string? Namespace = null);

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class OptionsProvider(IReadOnlyDictionary<string, string> properties, Dictionary<string, string?> itemNamespaces) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } =
            new Options(properties.ToDictionary(p => "build_property." + p.Key, p => p.Value));

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
            itemNamespaces.TryGetValue(textFile.Path, out var value) && value is not null
                ? new Options(new Dictionary<string, string> { ["build_metadata.AdditionalFiles.FgaNamespace"] = value })
                : Options.Empty;
    }

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static Options Empty { get; } = new([]);

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
