extern alias generator;

using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using TypedFga.Testing;
using TypedFga.Tests;
using TypedFga.Typed;
using Xunit.Abstractions;
using FgaGenerator = generator::TypedFga.Generator.FgaGenerator;

namespace TypedFga.GeneratedClient.Tests;

/// <summary>
/// Generates, compiles and runs the client for each of OpenFGA's example models
/// (<c>../shared/openfga/language/transformer</c>).
/// </summary>
public sealed class TransformerModelsTests(ITestOutputHelper output)
{
    public static TheoryData<string> Models()
    {
        var data = new TheoryData<string>();
        var root = SharedData.OpenFgaDirectory is { } shared ? Path.Combine(shared, "language", "transformer") : null;
        if (root is null || !Directory.Exists(root))
        {
            data.Add(string.Empty);
            return data;
        }

        foreach (var directory in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(directory));
        }

        return data;
    }

    [SharedDataTheory]
    [MemberData(nameof(Models))]
    public void Generated_client_compiles_cleanly_and_runs(string model)
    {
        var path = model.Length == 0 ? null : SharedData.Locate($"language/transformer/{model}/authorization-model.fga", output);
        if (path is null)
        {
            output.WriteLine("SKIPPED: OpenFGA's transformer models are not beside the repository (../shared/openfga).");
            return;
        }

        var text = File.ReadAllText(path);
        var (compilation, generatorDiagnostics) = Generate(text, path);
        var modelErrors = TypedFga.Language.FgaCompiler.Compile(text, path).Diagnostics
            .Where(d => d.Severity == TypedFga.Language.Model.ModelDiagnosticSeverity.Error)
            .ToArray();
        if (modelErrors.Length > 0)
        {
            // Some transformer examples are only syntactically valid; the generator must refuse them at the same places.
            output.WriteLine($"{model} is not a valid model; checking that the generator reports it instead of generating code.");
            Assert.Equal(
                modelErrors.Select(e => (e.Span.Line, e.Span.Column, e.Message)),
                generatorDiagnostics.Select(d => (d.Location.GetLineSpan().StartLinePosition.Line, d.Location.GetLineSpan().StartLinePosition.Character, WithoutKind(d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)))));
            Assert.All(generatorDiagnostics, d => Assert.Contains(d.Id, new[] { "FGA1001", "FGA1002" }));
            Assert.DoesNotContain(compilation.SyntaxTrees, t => t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal));
            return;
        }

        Assert.True(generatorDiagnostics.IsEmpty, Describe(generatorDiagnostics));
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        var problems = emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        Assert.True(emitted.Success && problems.Length == 0, Describe(problems));

        var context = new AssemblyLoadContext(model, isCollectible: true);
        try
        {
            stream.Position = 0;
            RunChecks(context.LoadFromStream(stream));
        }
        finally
        {
            context.Unload();
        }
    }

    private static (Compilation Compilation, ImmutableArray<Diagnostic> Diagnostics) Generate(string text, string path)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose);
        var compilation = CSharpCompilation.Create(
            "Transformer.Model",
            [],
            [.. Basic.Reference.Assemblies.Net100.References.All, MetadataReference.CreateFromFile(typeof(IFgaClient).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999));
        var driver = CSharpGeneratorDriver.Create(
            [new FgaGenerator().AsSourceGenerator()],
            [new ModelText(path, text)],
            parseOptions,
            new RootNamespaceOptions("Transformer.Model"));
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var updated, out var diagnostics);
        return (updated, diagnostics);
    }

    // For every type and relation: Fga.Using(client).<Type>("object-1").<Relation>.Check(<the object itself>), through reflection.
    private static void RunChecks(Assembly assembly)
    {
        var fga = assembly.GetType("Transformer.Model.Fga", throwOnError: true)!;
        Assert.NotNull(fga.GetProperty("Model")!.GetValue(null));
        var client = new RecordingFgaClient();
        var view = fga.GetMethod("Using")!.Invoke(null, [client])!;
        var expected = new List<TupleKey>();
        foreach (var factory in view.GetType().GetMethods().Where(m => m.GetParameters() is [{ ParameterType: var p }] && p == typeof(string)))
        {
            var target = factory.Invoke(view, ["object-1"])!;
            var subject = ((IFgaSubject)target).Subject;
            Assert.Equal(((IFgaObject)target).Type + ":object-1", subject);
            foreach (var relation in target.GetType().GetProperties())
            {
                if (relation.PropertyType.GetCustomAttribute<FgaRelationAttribute>() is not { } marker)
                {
                    continue;
                }

                var relationValue = relation.GetValue(target)!;
                var check = relationValue.GetType().GetMethod("Check")!.MakeGenericMethod(target.GetType());
                var result = (ValueTask<bool>)check.Invoke(relationValue, [target, null, CancellationToken.None])!;
                Assert.False(result.AsTask().GetAwaiter().GetResult());
                expected.Add(new TupleKey(subject, marker.Relation, subject));
            }
        }

        Assert.Equal(expected, client.Operations.Select(o => o.Tuple));
        Assert.All(client.Operations, o => Assert.Equal(RecordedOperationKind.Check, o.Kind));
    }

    // FGA1002 messages end with the OpenFGA error kind in parentheses.
    private static string WithoutKind(string message) => message[..message.LastIndexOf(" (", StringComparison.Ordinal)];

    private static string Describe(IEnumerable<Diagnostic> diagnostics) => string.Join(Environment.NewLine, diagnostics);

    private sealed class ModelText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private sealed class RootNamespaceOptions(string rootNamespace) : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider
    {
        private readonly Options _options = new(new Dictionary<string, string> { ["build_property.RootNamespace"] = rootNamespace });

        public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GlobalOptions => _options;

        public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;
    }

    private sealed class Options(Dictionary<string, string> values) : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions
    {
        public static Options Empty { get; } = new([]);

        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) =>
            values.TryGetValue(key, out value);
    }
}
