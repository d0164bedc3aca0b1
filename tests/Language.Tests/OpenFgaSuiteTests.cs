using TypedFga.Language.Tests.Suites;
using TypedFga.Tests;
using Xunit.Abstractions;

namespace TypedFga.Language.Tests;

/// <summary>
/// OpenFGA's own language test data, run against the compiler. The expected totals are the sizes of the
/// suites, so a regression in any single case fails the test.
/// </summary>
public sealed class OpenFgaSuiteTests
{
    private const int TransformerCases = 29;
    private const int SyntaxCases = 81;
    private const int SemanticCases = 91;

    // transformer-module cases that ship their module files (00 to 05) plus the 9 fga.mod cases.
    private const int ModuleCases = 15;

    private readonly ITestOutputHelper _output;

    public OpenFgaSuiteTests(ITestOutputHelper output) => _output = output;

    [SharedDataFact]
    public void Every_transformer_model_compiles_to_OpenFGAs_json() =>
        AssertComplete(LanguageSuites.Transformer(_output), "dsl->json", TransformerCases);

    [SharedDataFact]
    public void Syntax_cases_are_accepted_or_rejected_at_OpenFGAs_position() =>
        AssertComplete(LanguageSuites.Syntax(_output), "syntax", SyntaxCases);

    [SharedDataFact]
    public void Semantic_cases_report_OpenFGAs_errors() =>
        AssertComplete(LanguageSuites.Semantic(_output), "semantic", SemanticCases);

    [SharedDataFact]
    public void Modular_models_combine_as_OpenFGA_does() =>
        AssertComplete(LanguageSuites.Modules(_output), "modules", ModuleCases);

    [SharedDataFact]
    public void Summary_of_all_suites()
    {
        var transformer = LanguageSuites.Transformer(_output);
        var syntax = LanguageSuites.Syntax(_output);
        var semantic = LanguageSuites.Semantic(_output);
        var modules = LanguageSuites.Modules(_output);
        if (transformer is null || syntax is null || semantic is null || modules is null)
        {
            return;
        }

        var line = $"dsl->json {transformer.Count}, syntax {syntax.Count}, semantic {semantic.Count}, modules {modules.Count}";
        _output.WriteLine(line);
        Console.WriteLine(line);
        Assert.Equal(
            $"dsl->json {TransformerCases}/{TransformerCases}, syntax {SyntaxCases}/{SyntaxCases}, semantic {SemanticCases}/{SemanticCases}, modules {ModuleCases}/{ModuleCases}",
            line);
    }

    private void AssertComplete(SuiteOutcome? outcome, string name, int expectedTotal)
    {
        if (outcome is null)
        {
            return;
        }

        _output.WriteLine(outcome.Describe(name));
        Assert.Equal(expectedTotal, outcome.Total);
        Assert.True(outcome.Failures.Count == 0, outcome.Describe(name));
        Assert.Equal(expectedTotal, outcome.Passed);
    }
}
