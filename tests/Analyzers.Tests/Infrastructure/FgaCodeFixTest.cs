using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace TypedFga.Analyzers.Tests.Infrastructure;

/// <summary>A code-fix test over <see cref="FgaTestProject"/>; Fix All runs in document, project and solution scope.</summary>
internal sealed class FgaCodeFixTest<TAnalyzer, TCodeFix> : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public FgaCodeFixTest(string source, string fixedSource)
    {
        TestCode = TestModel.Usings + source;
        FixedCode = TestModel.Usings + fixedSource;
        FgaTestProject.Configure(this);
    }

    protected override IEnumerable<Type> GetSourceGenerators() => FgaTestProject.SourceGenerators;

    /// <summary>Applies the fix to every diagnostic in <paramref name="source"/> and compares with <paramref name="fixedSource"/>.</summary>
    public static Task VerifyAsync(string source, string fixedSource) => new FgaCodeFixTest<TAnalyzer, TCodeFix>(source, fixedSource).RunAsync();
}
