extern alias generator;

using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TypedFga.Generator.Tests.Support;
using TypedFga.Tests;
using Xunit.Abstractions;
using TrackingNames = generator::TypedFga.Generator.TrackingNames;

namespace TypedFga.Generator.Tests.Generation;

public sealed class ModularModelTests(ITestOutputHelper output)
{
    private const string ModFile = "schema: '1.2'\ncontents:\n  - core.fga\n  - docs/documents.fga\n";

    private const string Core = """
        module core

        type user

        type team
          relations
            define member: [user, team#member]
        """;

    private const string Documents = """
        module documents

        extend type team
          relations
            define owner: [user]

        type document
          relations
            define owner: [user] # @critical
            define editor: [user, team#member] or owner
            define viewer: [user, user:*, user with non_expired] or editor

        condition non_expired(current_time: timestamp, grant_time: timestamp) {
          current_time < grant_time
        }
        """;

    [Fact]
    public void An_fga_mod_generates_one_client_from_its_modules()
    {
        var result = GeneratorRunner.Run(Modular(Documents));
        Assert.Empty(result.Diagnostics);
        var sources = GeneratorRunner.Sources(result);
        Assert.Equal(["App.Fga.g.cs", "App.FgaTypes.g.cs"], sources.Select(s => s.HintName).Order(StringComparer.Ordinal));
        var types = sources.Single(s => s.HintName == "App.FgaTypes.g.cs").Text;
        Assert.Contains("public readonly struct TeamOwners", types, StringComparison.Ordinal);
        Assert.Contains("public readonly struct DocumentViewers", types, StringComparison.Ordinal);
        Assert.Contains("\\\"schema_version\\\":\\\"1.2\\\"", sources.Single(s => s.HintName == "App.Fga.g.cs").Text, StringComparison.Ordinal);

        var problems = TestCompiler.Problems(TestCompiler.Create([.. sources, ("Usage.cs", """
            namespace App;
            internal static class Usage
            {
                public static async System.Threading.Tasks.Task Run()
                {
                    await Fga.Team("eng").Owners.GrantNow(Fga.User("anne"));
                    await Fga.Document(1).Editors.Grant(Fga.Team("eng").Members);
                    await Fga.Document(1).Viewers.Grant(Fga.User("anne"), new FgaTypes.NonExpiredCondition(grantTime: System.DateTimeOffset.UnixEpoch));
                    _ = await Fga.Document(1).Viewers.Check(Fga.AnyUser);
                }
            }
            """)]));
        Assert.True(problems.IsEmpty, TestCompiler.Describe(problems));
    }

    [Fact]
    public void Module_files_are_not_compiled_on_their_own()
    {
        var result = GeneratorRunner.Run(Modular(Documents));
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "FGA1001");
        Assert.DoesNotContain(GeneratorRunner.Sources(result), s => s.HintName.Contains("core", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void A_model_error_is_reported_in_the_module_file_that_holds_it()
    {
        var result = GeneratorRunner.Run(Modular(Documents.Replace("or owner", "or missing", StringComparison.Ordinal)));
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("FGA1002", diagnostic.Id);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal("/src/model/docs/documents.fga", span.Path);
        Assert.Equal(9, span.StartLinePosition.Line);
        Assert.Empty(GeneratorRunner.Sources(result));
    }

    [Fact]
    public void A_listed_file_that_is_not_an_additional_file_is_reported_in_fga_mod()
    {
        var result = GeneratorRunner.Run([
            new GeneratorRunner.ModelFile("/src/model/fga.mod", ModFile),
            new GeneratorRunner.ModelFile("/src/model/core.fga", Core),
        ]);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("/src/model/fga.mod", diagnostic.Location.GetLineSpan().Path);
        Assert.Contains("docs/documents.fga", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void A_plain_model_beside_a_modular_one_still_generates()
    {
        var plain = "model\n  schema 1.1\n\ntype user\n";
        var result = GeneratorRunner.Run([.. Modular(Documents), new GeneratorRunner.ModelFile("/src/other/model.fga", plain, "App.Other")]);
        Assert.Empty(result.Diagnostics);
        Assert.Contains(GeneratorRunner.Sources(result), s => s.HintName == "App.Other.Fga.g.cs");
        Assert.Contains(GeneratorRunner.Sources(result), s => s.HintName == "App.Fga.g.cs");
    }

    [Fact]
    public void An_unrelated_csharp_edit_reuses_the_modular_steps()
    {
        var program = CSharpSyntaxTree.ParseText("namespace App; internal static class Program { }", TestCompiler.ParseOptions, "/src/Program.cs");
        var compilation = TestCompiler.Create([]).AddSyntaxTrees(program);
        var driver = GeneratorRunner.CreateDriver(Modular(Documents)).RunGenerators(compilation);
        var edited = compilation.ReplaceSyntaxTree(
            program, CSharpSyntaxTree.ParseText("namespace App; internal static class Program { private static int _x; }", TestCompiler.ParseOptions, "/src/Program.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var step in new[] { TrackingNames.Input, TrackingNames.ParseModular, TrackingNames.Resolve })
        {
            var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs).ToArray();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(
                o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step} was {o.Reason}"));
        }
    }

    public static TheoryData<string> TransformerCases()
    {
        var data = new TheoryData<string>();
        var root = SharedData.OpenFgaDirectory is { } shared ? Path.Combine(shared, "language", "transformer-module") : null;
        if (root is null || !Directory.Exists(root))
        {
            data.Add(string.Empty);
            return data;
        }

        foreach (var directory in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(directory));
        }

        return data;
    }

    // OpenFGA's modular cases ship their module files without an fga.mod; one listing them all, in name order, stands in.
    [SharedDataTheory]
    [MemberData(nameof(TransformerCases))]
    public void OpenFga_modular_cases_generate_or_report_in_the_right_file(string name)
    {
        var directory = name.Length == 0 ? null : SharedData.Locate($"language/transformer-module/{name}", output);
        if (directory is null || !Directory.Exists(Path.Combine(directory, "module")))
        {
            output.WriteLine($"SKIPPED: no module files for '{name}' beside the repository (../shared/openfga).");
            return;
        }

        var files = Directory.GetFiles(Path.Combine(directory, "module"), "*.fga").Order(StringComparer.Ordinal).ToArray();
        var modText = "schema: '1.2'\ncontents:\n" + string.Concat(files.Select(f => $"  - {Path.GetFileName(f)}\n"));
        var result = GeneratorRunner.Run([
            new GeneratorRunner.ModelFile("/case/fga.mod", modText),
            .. files.Select(f => new GeneratorRunner.ModelFile("/case/" + Path.GetFileName(f), File.ReadAllText(f))),
        ]);

        var expectedErrors = Path.Combine(directory, "expected_errors.json");
        if (!File.Exists(expectedErrors))
        {
            Assert.Empty(result.Diagnostics);
            var problems = TestCompiler.Problems(TestCompiler.Create(GeneratorRunner.Sources(result)));
            Assert.True(problems.IsEmpty, TestCompiler.Describe(problems));
            return;
        }

        using var json = JsonDocument.Parse(File.ReadAllText(expectedErrors));
        var expected = json.RootElement.EnumerateArray()
            .Select(e => ($"/case/{e.GetProperty("file").GetString()}", e.GetProperty("line").GetProperty("start").GetInt32(), e.GetProperty("column").GetProperty("start").GetInt32()))
            .Order()
            .ToArray();
        var actual = result.Diagnostics
            .Select(d => d.Location.GetLineSpan())
            .Select(s => (s.Path, s.StartLinePosition.Line, s.StartLinePosition.Character))
            .Order()
            .ToArray();
        Assert.Equal(expected, actual);
        Assert.All(result.Diagnostics, d => Assert.Contains(d.Id, new[] { "FGA1001", "FGA1002", "FGA1003" }));
        Assert.Empty(GeneratorRunner.Sources(result));
    }

    private static GeneratorRunner.ModelFile[] Modular(string documents) =>
    [
        new("/src/model/fga.mod", ModFile),
        new("/src/model/core.fga", Core),
        new("/src/model/docs/documents.fga", documents),
    ];
}
