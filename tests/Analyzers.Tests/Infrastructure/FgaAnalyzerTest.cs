using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace TypedFga.Analyzers.Tests.Infrastructure;

/// <summary>An analyzer test over <see cref="FgaTestProject"/>.</summary>
internal sealed class FgaAnalyzerTest<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public FgaAnalyzerTest(string source, bool withRuntime = true)
    {
        TestCode = source;
        FgaTestProject.Configure(this, withRuntime);
    }

    protected override IEnumerable<Type> GetSourceGenerators() => FgaTestProject.SourceGenerators;

    /// <summary>The analyzer's diagnostic, for use with <c>WithLocation</c> and <c>WithArguments</c>.</summary>
    public static DiagnosticResult Diagnostic() => new(new TAnalyzer().SupportedDiagnostics.Single());

    /// <summary>Runs the analyzer over <paramref name="source"/> and compares the diagnostics with its markup.</summary>
    public static Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new FgaAnalyzerTest<TAnalyzer>(TestModel.Usings + source);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}
