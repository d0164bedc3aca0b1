using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using TypedFga.Generator;
using TypedFga.Typed;

namespace TypedFga.Analyzers.Tests.Infrastructure;

/// <summary>
/// The project every analyzer and code-fix test compiles: .NET 10 reference assemblies (offline), the TypedFga
/// runtime, the model as an additional file, and the source generator that turns it into the API.
/// </summary>
internal static class FgaTestProject
{
    private static readonly ReferenceAssemblies Net100 = new("net10.0");

    private static readonly MetadataReference[] RuntimeReferences =
    [
        MetadataReference.CreateFromFile(typeof(FgaRelationAttribute).Assembly.Location),
    ];

    /// <summary>The generator that turns <see cref="TestModel.Fga"/> into the API the analyzers look at.</summary>
    public static IEnumerable<Type> SourceGenerators { get; } = [typeof(FgaGenerator)];

    /// <summary>Sets up <paramref name="test"/>'s compilation; <paramref name="withRuntime"/> false leaves TypedFga out.</summary>
    public static void Configure(AnalyzerTest<DefaultVerifier> test, bool withRuntime = true)
    {
        test.ReferenceAssemblies = Net100;
        test.TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        Configure(test.TestState, withRuntime);
    }

    /// <summary>Adds the references, the model and the namespace the generator emits into.</summary>
    public static void Configure(SolutionState state, bool withRuntime = true)
    {
        state.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        if (!withRuntime)
        {
            return;
        }

        state.AdditionalReferences.AddRange(RuntimeReferences);
        state.AdditionalFiles.Add((TestModel.FileName, TestModel.Fga));
        state.AnalyzerConfigFiles.Add(("/.globalconfig", $"""
            is_global = true
            build_property.RootNamespace = {TestModel.Namespace}
            """));
    }
}
