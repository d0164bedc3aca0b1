extern alias generator;

using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using FgaGenerator = generator::TypedFga.Generator.FgaGenerator;

namespace TypedFga.Generator.Tests.Support;

/// <summary>
/// A <see cref="CSharpSourceGeneratorTest{TSourceGenerator, TVerifier}"/> set up for the generator: offline .NET 10
/// reference assemblies, the TypedFga runtime, and MSBuild properties passed through a global analyzer config.
/// </summary>
internal sealed class GeneratorTest : CSharpSourceGeneratorTest<FgaGenerator, DefaultVerifier>
{
    public GeneratorTest(IReadOnlyDictionary<string, string>? properties = null)
    {
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        TestState.AdditionalReferences.Add(typeof(TypedFga.IFgaClient).Assembly);
        TestState.Sources.Add(("/0/Program.cs", "namespace App;\n\ninternal static class Program\n{\n}\n"));
        var config = string.Concat((properties ?? new Dictionary<string, string> { ["RootNamespace"] = "App" })
            .Select(p => $"build_property.{p.Key} = {p.Value}\n"));
        TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + config));
    }

    /// <summary>Checks the diagnostics only, not the text of the generated sources.</summary>
    public static GeneratorTest DiagnosticsOnly(IReadOnlyDictionary<string, string>? properties = null)
    {
        var test = new GeneratorTest(properties);
        test.TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        return test;
    }
}
