using System.Text.Json;
using TypedFga.Language.Model;
using TypedFga.Language.Tests.Suites;
using TypedFga.Tests;
using Xunit.Abstractions;

namespace TypedFga.Language.Tests;

/// <summary>
/// A name that two modules of a modular model both define is reported in the module file that repeats it, at the
/// repeated definition, never in <c>fga.mod</c>.
/// </summary>
public sealed class ModuleCollisionTests(ITestOutputHelper output)
{
    private const string ModFilePath = "models/fga.mod";

    private const string Core = """
        module core

        type user

        type team
          relations
            define member: [user]

        type office
          relations
            define visitor: [user with in_office]

        condition in_office(ip: ipaddress) {
          ip.in_cidr("10.0.0.0/8")
        }
        """;

    [Fact]
    public void A_type_defined_in_two_modules_is_reported_at_the_second_definition()
    {
        var diagnostic = Assert.Single(Compile(("docs/wiki.fga", """
            module wiki

            type page

            type team
              relations
                define owner: [user]
            """)));

        AssertAt(diagnostic, "docs/wiki.fga", 4, 5, 9, "the type `team` is a duplicate.");
        Assert.Equal(ModelDiagnosticKinds.DuplicatedError, diagnostic.Kind);
        Assert.Equal("team", diagnostic.ObjectType);
    }

    [Fact]
    public void An_extension_that_repeats_a_relation_of_its_type_is_reported_in_the_extension()
    {
        var diagnostic = Assert.Single(Compile(("docs/wiki.fga", """
            module wiki

            extend type team
              relations
                define owner: [user]
                define member: [user, team#member]
            """)));

        AssertAt(diagnostic, "docs/wiki.fga", 5, 11, 17, "relation member already exists on type team");
        Assert.Equal(ModelDiagnosticKinds.TransformationError, diagnostic.Kind);
        Assert.Equal(("team", "member"), (diagnostic.ObjectType, diagnostic.Relation));
    }

    [Fact]
    public void A_relation_two_extensions_add_is_reported_in_the_later_module()
    {
        var diagnostic = Assert.Single(Compile(
            ("docs/wiki.fga", "module wiki\n\nextend type team\n  relations\n    define admin: [user]\n"),
            ("billing.fga", "module billing\n\ntype invoice\n\nextend type team\n  relations\n    define payer: [user]\n    define admin: [user]\n")));

        AssertAt(diagnostic, "billing.fga", 7, 11, 16, "relation admin already exists on type team");
        Assert.Equal(("team", "admin"), (diagnostic.ObjectType, diagnostic.Relation));
    }

    [Fact]
    public void A_relation_two_extensions_add_to_a_type_without_relations_is_reported_in_the_later_module()
    {
        var diagnostic = Assert.Single(Compile(
            ("docs/wiki.fga", "module wiki\n\nextend type user\n  relations\n    define manager: [user]\n"),
            ("hr.fga", "module hr\n\nextend type user\n  relations\n    define manager: [user]\n")));

        AssertAt(diagnostic, "hr.fga", 4, 11, 18, "relation manager already exists on type user");
    }

    [Fact]
    public void A_condition_defined_in_two_modules_is_reported_at_the_second_definition()
    {
        var diagnostic = Assert.Single(Compile(("docs/wiki.fga", """
            module wiki

            type page
              relations
                define reader: [user with in_office]

            condition in_office(ip: ipaddress) {
              ip.in_cidr("192.168.0.0/16")
            }
            """)));

        AssertAt(diagnostic, "docs/wiki.fga", 6, 10, 19, "duplicate condition in_office");
        Assert.Equal(ModelDiagnosticKinds.TransformationError, diagnostic.Kind);
    }

    [Fact]
    public void A_problem_in_a_type_that_two_modules_define_is_reported_once_in_the_module_whose_definition_counts()
    {
        // The later definition wins; its relation refers to a relation that does not exist.
        var diagnostics = Compile(("docs/wiki.fga", "module wiki\n\ntype team\n  relations\n    define member: [user] or lead\n"));

        var diagnostic = Assert.Single(diagnostics);
        AssertAt(diagnostic, "docs/wiki.fga", 4, 29, 33, "the relation `lead` does not exist.");
        Assert.Equal(ModelDiagnosticKinds.MissingDefinition, diagnostic.Kind);
    }

    [Fact]
    public void A_type_a_module_defines_twice_more_is_reported_at_both_repetitions()
    {
        var diagnostics = Compile(("docs/wiki.fga", "module wiki\n\ntype team\n\ntype team\n"));

        Assert.Equal(2, diagnostics.Count);
        AssertAt(diagnostics[0], "docs/wiki.fga", 2, 5, 9, "the type `team` is a duplicate.");
        AssertAt(diagnostics[1], "docs/wiki.fga", 4, 5, 9, "the type `team` is a duplicate.");
    }

    [Fact]
    public void A_module_file_is_named_as_fga_mod_lists_it()
    {
        var files = new[] { ("core.fga", Core), ("docs/wiki.fga", "module wiki\n\ntype team\n") };
        var result = FgaCompiler.CompileModular("schema: '1.2'\ncontents:\n  - ./core.fga\n  - ./docs/wiki.fga\n", files, ModFilePath);

        AssertAt(Assert.Single(result.Diagnostics), "./docs/wiki.fga", 2, 5, 9, "the type `team` is a duplicate.");
    }

    // OpenFGA's own expectations for the collisions in its modular test data, span for span.
    [SharedDataTheory]
    [InlineData("duplicate condition a_check")]
    [InlineData("relation foo already exists on type other")]
    [InlineData("extended type noexist does not exist")]
    public void OpenFga_module_errors_are_reported_at_OpenFGAs_file_and_span(string message)
    {
        var directory = LanguageData.Locate("transformer-module/01-module-with-errors", output);
        if (directory is null)
        {
            return;
        }

        var files = Directory.GetFiles(Path.Combine(directory, "module"), "*.fga")
            .Select(f => (Path: Path.GetFileName(f), Text: File.ReadAllText(f)))
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToList();
        var modText = "schema: '1.2'\ncontents:\n" + string.Concat(files.Select(f => $"  - {f.Path}\n"));
        var expected = JsonSerializer.Deserialize<List<ExpectedError>>(
            File.ReadAllText(Path.Combine(directory, "expected_errors.json")),
            new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!
            .Single(e => e.Msg == message);

        var actual = Assert.Single(FgaCompiler.CompileModular(modText, files, ModFilePath).Diagnostics, d => d.Message == message);
        Assert.Equal(expected.File, actual.File);
        Assert.Equal((expected.Line!.Start, expected.Line.End), (actual.Span.Line, actual.Span.EndLine));
        Assert.Equal((expected.Column!.Start, expected.Column.End), (actual.Span.Column, actual.Span.EndColumn));
    }

    private static List<ModelDiagnostic> Compile(params (string Path, string Text)[] modules)
    {
        var files = new List<(string Path, string Text)> { ("core.fga", Core) };
        files.AddRange(modules);
        var modText = "schema: '1.2'\ncontents:\n" + string.Concat(files.Select(f => $"  - {f.Path}\n"));
        var result = FgaCompiler.CompileModular(modText, files, ModFilePath);
        Assert.False(result.Success);
        return result.Diagnostics.ToList();
    }

    private static void AssertAt(ModelDiagnostic diagnostic, string file, int line, int column, int endColumn, string message)
    {
        Assert.Equal(message, diagnostic.Message);
        Assert.Equal(file, diagnostic.File);
        Assert.Equal((line, column), (diagnostic.Span.Line, diagnostic.Span.Column));
        Assert.Equal((line, endColumn), (diagnostic.Span.EndLine, diagnostic.Span.EndColumn));
        Assert.Equal(ModelDiagnosticSeverity.Error, diagnostic.Severity);
    }
}
