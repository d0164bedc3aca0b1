using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using TypedFga.Typed;

namespace TypedFga.Analyzers.Tests.Infrastructure;

/// <summary>
/// The project every analyzer and code-fix test compiles: .NET 10 reference assemblies (offline), the TypedFga
/// runtime, and the generated API for <see cref="TestModel.Fga"/>.
/// </summary>
internal static class FgaTestProject
{
    private static readonly ReferenceAssemblies Net100 = new("net10.0");

    private static readonly MetadataReference[] RuntimeReferences =
    [
        MetadataReference.CreateFromFile(typeof(FgaRelationAttribute).Assembly.Location),
    ];

    /// <summary>Generators the tests run; empty while the API comes from <see cref="HandWrittenApi"/>.</summary>
    public static IEnumerable<Type> SourceGenerators { get; } = [];

    /// <summary>Sets up <paramref name="test"/>'s compilation; <paramref name="withRuntime"/> false leaves TypedFga out.</summary>
    public static void Configure(AnalyzerTest<DefaultVerifier> test, bool withRuntime = true)
    {
        test.ReferenceAssemblies = Net100;
        test.TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        Configure(test.TestState, withRuntime);
    }

    /// <summary>
    /// A fixed state inherits references, additional files and analyzer config from the test state, but not the
    /// sources beside the one being fixed.
    /// </summary>
    public static void ConfigureFixedState(SolutionState state) => state.Sources.Add(("Fga.Api.cs", HandWrittenApi.Source));

    /// <summary>Adds the references, the model and the generated API to one project state.</summary>
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
        state.Sources.Add(("Fga.Api.cs", HandWrittenApi.Source));
    }
}
