extern alias generator;

using System.Diagnostics;
using System.Globalization;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using FgaGenerator = generator::TypedFga.Generator.FgaGenerator;

namespace TypedFga.Pipeline.Tests.Queries.Typed;

/// <summary>A model's typed client, or why there is none (the generator refused the model, or its code did not compile).</summary>
internal sealed record CompiledModel(GeneratedClient? Client, string? Failure, string? Detail);

/// <summary>
/// Generates the typed client of a conformance model in memory, as the build would from a <c>.fga</c> file, compiles
/// it and loads it: once per distinct model text for the whole test process, each model in an assembly of its own.
/// (One compilation of every model of a suite was tried: no faster, since warming Roslyn up dominates, and it held
/// more memory at once.)
/// </summary>
internal static class GeneratedClientCompiler
{
    private static readonly Dictionary<string, CompiledModel> Cache = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();
    private static readonly AssemblyLoadContext Models = new("conformance-models");
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);
    private static readonly CSharpCompilationOptions CompilationOptions = new(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);
    private static readonly MetadataReference[] References =
        [.. Basic.Reference.Assemblies.Net100.References.All, MetadataReference.CreateFromFile(typeof(IFgaClient).Assembly.Location)];

    private static TimeSpan _spent;
    private static long _imageBytes;

    /// <summary>How many models were compiled so far in the process, the size of their loaded assemblies, and the time it took.</summary>
    public static string Statistics
    {
        get
        {
            lock (Gate)
            {
                return $"{Cache.Count} models, {_imageBytes / 1024} KiB of assemblies, {_spent.TotalSeconds:0.0}s so far in the process";
            }
        }
    }

    /// <summary>The client of <paramref name="modelText"/>, compiled now unless an earlier call did.</summary>
    public static CompiledModel Get(string modelText)
    {
        lock (Gate)
        {
            if (!Cache.TryGetValue(modelText, out var model))
            {
                var clock = Stopwatch.StartNew();
                model = Compile(modelText, Cache.Count);
                _spent += clock.Elapsed;
                Cache[modelText] = model;
            }

            return model;
        }
    }

    /// <summary>Compiles those of <paramref name="modelTexts"/> not compiled yet, so that a test can time it apart from its queries.</summary>
    public static void Prepare(IEnumerable<string> modelTexts)
    {
        foreach (var text in modelTexts)
        {
            Get(text);
        }
    }

    private static CompiledModel Compile(string text, int number)
    {
        var path = $"/conformance/model{number}.fga";
        var @namespace = $"Conformance.Model{number}";
        var driver = CSharpGeneratorDriver.Create(
            [new FgaGenerator().AsSourceGenerator()],
            [new InMemoryModelFile(path, text)],
            ParseOptions,
            new ModelNamespaceOptions(new Dictionary<string, string> { [path] = @namespace }));
        driver.RunGeneratorsAndUpdateCompilation(CSharpCompilation.Create(@namespace, [], References, CompilationOptions), out var compilation, out var generatorDiagnostics);
        if (generatorDiagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) is { } refusal)
        {
            return new CompiledModel(null, $"the generator refuses the model ({refusal.Id})", refusal.GetMessage(CultureInfo.InvariantCulture));
        }

        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        if (!emitted.Success)
        {
            var error = emitted.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error);
            return new CompiledModel(null, $"the generated client does not compile ({error.Id})", error.ToString());
        }

        _imageBytes += image.Length;
        image.Position = 0;
        var assembly = Models.LoadFromStream(image);
        return new CompiledModel(new GeneratedClient(assembly, @namespace, WhereMethodIndex.Read(compilation.SyntaxTrees)), null, null);
    }
}
