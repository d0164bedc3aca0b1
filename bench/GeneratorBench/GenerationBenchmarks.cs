using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using TypedFga.Generator;

namespace TypedFga.GeneratorBench;

/// <summary>
/// Generation time for a model of 100 types with 20 relations each: a cold run (parse, validate, build the spec,
/// emit every file), and a warm run after an edit to an unrelated C# file (the incremental pipeline's cache).
/// </summary>
[MemoryDiagnoser]
public class GenerationBenchmarks
{
    private CSharpCompilation _compilation = null!;
    private AdditionalText _model = null!;
    private GeneratorDriver _warmDriver = null!;
    private CSharpCompilation _edited = null!;

    [Params(100)]
    public int Types { get; set; }

    [Params(20)]
    public int RelationsPerType { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = new InMemoryAdditionalText("/bench/model.fga", SyntheticModel.Create(Types, RelationsPerType));
        var tree = CSharpSyntaxTree.ParseText("namespace Bench; public static class Program { }", path: "/bench/Program.cs");
        _compilation = CSharpCompilation.Create("Bench", [tree], options: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        _warmDriver = CreateDriver().RunGenerators(_compilation);
        _edited = _compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText("namespace Bench; public static class Program { static int X; }", path: "/bench/Program.cs"));
        var result = _warmDriver.GetRunResult();
        if (result.Diagnostics.Length > 0 || result.GeneratedTrees.Length == 0)
        {
            throw new InvalidOperationException("The synthetic model did not generate cleanly: " + string.Join("; ", result.Diagnostics));
        }
    }

    /// <summary>A fresh driver: everything from the model text to the generated syntax trees.</summary>
    [Benchmark(Baseline = true)]
    public GeneratorDriver ColdGeneration() => CreateDriver().RunGenerators(_compilation);

    /// <summary>The same driver after an unrelated C# edit: the model is neither parsed nor emitted again.</summary>
    [Benchmark]
    public GeneratorDriver WarmAfterUnrelatedEdit() => _warmDriver.RunGenerators(_edited);

    internal GeneratorDriver CreateDriver() => CSharpGeneratorDriver.Create(
        [new FgaGenerator().AsSourceGenerator()],
        [_model],
        CSharpParseOptions.Default,
        new RootNamespaceOptions("Bench.Authorization"),
        new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

    private sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class RootNamespaceOptions(string rootNamespace) : AnalyzerConfigOptionsProvider
    {
        private readonly ValueOptions _global = new(rootNamespace);

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => ValueOptions.None;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => ValueOptions.None;
    }

    private sealed class ValueOptions(string? rootNamespace) : AnalyzerConfigOptions
    {
        public static ValueOptions None { get; } = new(null);

        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
        {
            value = key == "build_property.RootNamespace" ? rootNamespace : null;
            return value is not null;
        }
    }
}
