extern alias generator;

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using FgaGenerator = generator::TypedFga.Generator.FgaGenerator;

namespace TypedFga.Pipeline.Tests.Queries.Typed;

/// <summary>A model's typed client, or why there is none (the generator refused the model, or its code did not compile).</summary>
internal sealed record CompiledModel(GeneratedClient? Client, string? Failure, string? Detail);

/// <summary>
/// Generates the typed client of conformance models in memory, compiles it and loads it, once per distinct model
/// text for the whole test process. The models asked for together go into one compilation, each in a namespace of its
/// own, because one compilation of a hundred models costs far less than a hundred compilations of one; a model whose
/// code fails is taken out and the rest compiled again.
/// </summary>
internal static class GeneratedClientCompiler
{
    private static readonly ConcurrentDictionary<string, CompiledModel> Cache = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);
    private static readonly MetadataReference[] References =
        [.. Basic.Reference.Assemblies.Net100.References.All, MetadataReference.CreateFromFile(typeof(IFgaClient).Assembly.Location)];

    private static int _batches;

    /// <summary>Models compiled so far and the time spent generating, compiling and loading them.</summary>
    public static (int Models, int Assemblies, TimeSpan Spent) Statistics { get; private set; }

    /// <summary>The size of the assemblies loaded so far, which stay loaded for the rest of the process.</summary>
    public static long ImageBytes { get; private set; }

    /// <summary>The client of <paramref name="modelText"/>, compiled now unless an earlier call did.</summary>
    public static CompiledModel Get(string modelText)
    {
        Prepare([modelText]);
        return Cache[modelText];
    }

    /// <summary>Compiles, in one batch, those of <paramref name="modelTexts"/> not compiled yet.</summary>
    public static void Prepare(IEnumerable<string> modelTexts)
    {
        lock (Gate)
        {
            var missing = modelTexts.Distinct(StringComparer.Ordinal).Where(text => !Cache.ContainsKey(text)).ToList();
            if (missing.Count == 0)
            {
                return;
            }

            var clock = Stopwatch.StartNew();
            foreach (var (text, model) in CompileBatch(missing))
            {
                Cache[text] = model;
            }

            var (models, assemblies, spent) = Statistics;
            Statistics = (models + missing.Count, assemblies + 1, spent + clock.Elapsed);
        }
    }

    private static List<(string Text, CompiledModel Model)> CompileBatch(IReadOnlyList<string> texts)
    {
        var batch = ++_batches;
        var files = texts.Select((text, i) => new ModelSource(text, $"/conformance/batch{batch}/model{i}.fga", $"Conformance.Batch{batch}.Model{i}")).ToList();
        var driver = CSharpGeneratorDriver.Create(
            [new FgaGenerator().AsSourceGenerator()],
            files.Select(file => (AdditionalText)new InMemoryModelFile(file.Path, file.Text)),
            ParseOptions,
            new ModelNamespaceOptions(files.ToDictionary(file => file.Path, file => file.Namespace)));
        var empty = CSharpCompilation.Create(
            $"Conformance.Batch{batch}",
            [],
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        driver.RunGeneratorsAndUpdateCompilation(empty, out var compilation, out var generatorDiagnostics);

        var results = new List<(string, CompiledModel)>();
        var refused = files
            .Select(file => (File: file, Refusal: generatorDiagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error && d.Location.GetLineSpan().Path == file.Path)))
            .Where(pair => pair.Refusal is not null)
            .ToList();
        foreach (var (file, refusal) in refused)
        {
            results.Add((file.Text, new CompiledModel(null, $"the generator refuses the model ({refusal!.Id})", refusal.GetMessage(System.Globalization.CultureInfo.InvariantCulture))));
        }

        var generated = files.Except(refused.Select(pair => pair.File)).ToList();
        var (assembly, broken) = EmitAndLoad(compilation, generated, batch);
        foreach (var (file, error) in broken)
        {
            results.Add((file.Text, new CompiledModel(null, $"the generated client does not compile ({error.Id})", error.ToString())));
        }

        foreach (var file in generated.Except(broken.Select(pair => pair.File)))
        {
            var trees = compilation.SyntaxTrees.Where(file.Owns);
            results.Add((file.Text, new CompiledModel(new GeneratedClient(assembly, file.Namespace, WhereMethodIndex.Read(trees)), null, null)));
        }

        return results;
    }

    // Emits the batch; the models whose generated trees hold errors are dropped and the rest emitted again.
    private static (System.Reflection.Assembly Assembly, List<(ModelSource File, Diagnostic Error)> Broken) EmitAndLoad(Compilation compilation, List<ModelSource> files, int batch)
    {
        var broken = new List<(ModelSource, Diagnostic)>();
        while (true)
        {
            using var image = new MemoryStream();
            var emitted = compilation.Emit(image);
            if (emitted.Success)
            {
                image.Position = 0;
                ImageBytes += image.Length;
                return (new AssemblyLoadContext($"conformance-models-{batch}").LoadFromStream(image), broken);
            }

            var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            var culprits = files
                .Select(file => (File: file, Error: errors.FirstOrDefault(e => e.Location.SourceTree is { } tree && file.Owns(tree))))
                .Where(pair => pair.Error is not null)
                .ToList();
            if (culprits.Count == 0)
            {
                throw new InvalidOperationException("The generated clients do not compile, for no model in particular: " + string.Join("; ", errors.Take(5)));
            }

            broken.AddRange(culprits!);
            compilation = compilation.RemoveSyntaxTrees(compilation.SyntaxTrees.Where(tree => culprits.Any(c => c.File.Owns(tree))));
        }
    }

    private sealed record ModelSource(string Text, string Path, string Namespace)
    {
        // The generator names its files {Namespace}.Fga.g.cs and {Namespace}.FgaTypes.g.cs.
        public bool Owns(SyntaxTree tree) =>
            System.IO.Path.GetFileName(tree.FilePath) is var name && (name == Namespace + ".Fga.g.cs" || name == Namespace + ".FgaTypes.g.cs");
    }
}
