using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using TypedFga.Generator.Tests.Support;

namespace TypedFga.Generator.Tests.Diagnostics;

/// <summary>Problems in a model surface as FGA1xxx diagnostics at their exact place in the <c>.fga</c> file.</summary>
public sealed class ModelDiagnosticsTests
{
    private const string Path = "/0/model.fga";

    [Fact]
    public async Task A_syntax_error_is_FGA1001_where_the_parser_stopped()
    {
        var test = GeneratorTest.DiagnosticsOnly();
        test.TestState.AdditionalFiles.Add((Path, """
            model
              schema 1.1

            type user
              relations
                define viewer [user]
            """));
        test.TestState.ExpectedDiagnostics.Add(
            new DiagnosticResult("FGA1001", DiagnosticSeverity.Error).WithSpan(Path, 6, 19, 6, 20).WithArguments("mismatched input '[' expecting ':'"));
        await test.RunAsync();
    }

    [Fact]
    public async Task An_undefined_type_is_FGA1002_at_the_restriction()
    {
        var test = GeneratorTest.DiagnosticsOnly();
        test.TestState.AdditionalFiles.Add((Path, """
            model
              schema 1.1

            type user

            type document
              relations
                define viewer: [usr]
                define editor: [user] or ownr
            """));
        test.TestState.ExpectedDiagnostics.Add(
            new DiagnosticResult("FGA1002", DiagnosticSeverity.Error).WithSpan(Path, 8, 21, 8, 24).WithArguments("`usr` is not a valid type.", "invalid-type"));
        test.TestState.ExpectedDiagnostics.Add(
            new DiagnosticResult("FGA1002", DiagnosticSeverity.Error).WithSpan(Path, 9, 30, 9, 34).WithArguments("the relation `ownr` does not exist.", "missing-definition"));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_name_collision_is_FGA1004_at_the_name_sorted_second_and_nothing_is_generated()
    {
        var test = new GeneratorTest();
        test.TestState.AdditionalFiles.Add((Path, """
            model
              schema 1.1

            type user

            type doc_a
              relations
                define viewer: [user]

            type doc-a
              relations
                define viewer: [user]
            """));
        test.TestState.ExpectedDiagnostics.Add(
            new DiagnosticResult("FGA1004", DiagnosticSeverity.Error).WithSpan(Path, 6, 6, 6, 11).WithArguments("type 'doc-a'", "type 'doc_a'", "DocA"));
        await test.RunAsync();
    }

    [Fact]
    public async Task An_invalid_namespace_is_FGA1005()
    {
        var test = new GeneratorTest(new Dictionary<string, string> { ["RootNamespace"] = "App", ["FgaNamespace"] = "App.Fga" });
        test.TestState.AdditionalFiles.Add((Path, "model\n  schema 1.1\n\ntype user\n"));
        test.TestState.ExpectedDiagnostics.Add(
            new DiagnosticResult("FGA1005", DiagnosticSeverity.Error).WithSpan(Path, 1, 1, 1, 1).WithArguments("App.Fga", "the FgaNamespace property"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Two_models_in_one_namespace_are_FGA1006_on_the_second()
    {
        var test = GeneratorTest.DiagnosticsOnly();
        test.TestState.AdditionalFiles.Add(("/0/a.fga", "model\n  schema 1.1\n\ntype user\n"));
        test.TestState.AdditionalFiles.Add(("/0/b.fga", "model\n  schema 1.1\n\ntype member\n"));
        test.TestState.ExpectedDiagnostics.Add(
            new DiagnosticResult("FGA1006", DiagnosticSeverity.Error).WithSpan("/0/b.fga", 1, 1, 1, 1).WithArguments("/0/a.fga", "/0/b.fga", "App"));
        await test.RunAsync();
    }
}
