using TypedFga.Language.Model;
using TypedFga.Language.Tests.Suites;
using TypedFga.Tests;
using Xunit.Abstractions;

namespace TypedFga.Language.Tests;

/// <summary><see cref="FgaCompiler.Validate"/>: the semantic rules for a model built without DSL text.</summary>
public sealed class ValidateTests
{
    private readonly ITestOutputHelper _output;

    public ValidateTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void A_model_built_in_code_is_validated_and_its_diagnostics_name_the_type_and_relation()
    {
        var viewer = new RelationDefinition(
            "viewer",
            new UnionRewrite(new[] { new RewriteNode(new DirectRewrite()), new RewriteNode(new ComputedUsersetRewrite("editor", SourceSpan.None)) }.ToEquatableArray()),
            new[] { new TypeRestriction("user", null, false, null, SourceSpan.None) }.ToEquatableArray(),
            IsCritical: false,
            SourceSpan.None);
        var model = new AuthorizationModel(
            "1.1",
            new[]
            {
                new TypeDefinition("user", EquatableArray<RelationDefinition>.Empty, false, SourceSpan.None),
                new TypeDefinition("document", new[] { viewer }.ToEquatableArray(), false, SourceSpan.None),
            }.ToEquatableArray(),
            EquatableArray<ConditionDefinition>.Empty);

        var diagnostic = Assert.Single(FgaCompiler.Validate(model));

        Assert.Equal(ModelDiagnosticKinds.MissingDefinition, diagnostic.Kind);
        Assert.Equal("editor", diagnostic.Symbol);
        Assert.Equal("document", diagnostic.ObjectType);
        Assert.Equal("viewer", diagnostic.Relation);
        Assert.Equal(SourceSpan.None, diagnostic.Span);
    }

    [Fact]
    public void A_valid_model_has_no_diagnostics_and_a_missing_schema_version_is_reported()
    {
        var model = FgaCompiler.Parse(SampleModels.Conditions).Model!;

        Assert.Empty(FgaCompiler.Validate(model));
        var missing = Assert.Single(FgaCompiler.Validate(model with { SchemaVersion = string.Empty }));
        Assert.Equal(ModelDiagnosticKinds.SchemaVersionRequired, missing.Kind);
        Assert.Throws<ArgumentNullException>(() => FgaCompiler.Validate(null!));
    }

    [Fact]
    public void Type_level_problems_name_the_type_only()
    {
        var model = FgaCompiler.Parse("model\n  schema 1.1\ntype user\ntype user\n").Model!;

        var diagnostic = Assert.Single(FgaCompiler.Validate(model));

        Assert.Equal(ModelDiagnosticKinds.DuplicatedError, diagnostic.Kind);
        Assert.Equal("user", diagnostic.ObjectType);
        Assert.Null(diagnostic.Relation);
    }

    /// <summary>
    /// Every semantic case of OpenFGA's data, read without validation and then validated, gives the same
    /// error kinds as compiling the text: the entry point loses nothing but the positions.
    /// </summary>
    [SharedDataFact]
    public void Validating_a_parsed_model_finds_what_compiling_finds()
    {
        var path = LanguageData.Locate("dsl-semantic-validation-cases.yaml", _output);
        if (path is null)
        {
            return;
        }

        var cases = LanguageData.ReadYaml<DslCase>(path);
        var failures = new List<string>();
        foreach (var testCase in cases)
        {
            var parsed = FgaCompiler.Parse(testCase.Dsl).Model;
            if (parsed is null)
            {
                failures.Add($"{testCase.Name}: does not parse");
                continue;
            }

            var compiled = FgaCompiler.Compile(testCase.Dsl).Diagnostics.Select(d => (d.Kind, d.Symbol)).ToList();
            var validated = FgaCompiler.Validate(parsed).Select(d => (d.Kind, d.Symbol)).ToList();
            if (!compiled.SequenceEqual(validated))
            {
                failures.Add($"{testCase.Name}: compile [{string.Join(", ", compiled)}] but validate [{string.Join(", ", validated)}]");
            }
        }

        _output.WriteLine($"validate == compile {cases.Count - failures.Count}/{cases.Count}");
        Assert.Empty(failures);
        Assert.Equal(91, cases.Count);
    }
}
