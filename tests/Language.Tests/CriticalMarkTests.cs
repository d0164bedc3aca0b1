namespace TypedFga.Language.Tests;

/// <summary><c># @critical</c> on a <c>define</c> line marks that relation; on a <c>type</c> line, all of the type's relations.</summary>
public sealed class CriticalMarkTests
{
    [Fact]
    public void Mark_on_a_define_line_marks_only_that_relation()
    {
        var folder = TypeOf(SampleModel(), "folder");
        Assert.False(folder.IsCritical);
        Assert.True(folder.Relations.Single(r => r.Name == "owner").IsCritical);
        Assert.False(folder.Relations.Single(r => r.Name == "viewer").IsCritical);
    }

    [Fact]
    public void Mark_on_a_type_line_marks_the_type_and_every_relation()
    {
        var audit = TypeOf(SampleModel(), "audit_log");
        Assert.True(audit.IsCritical);
        Assert.All(audit.Relations, r => Assert.True(r.IsCritical));
    }

    [Theory]
    [InlineData("    define owner: [user] # @critical", true)]
    [InlineData("    define owner: [user] #@critical", true)]
    [InlineData("    define owner: [user] # keep @critical: audited", true)]
    [InlineData("    define owner: [user] # @criticality", false)]
    [InlineData("    define owner: [user] # critical", false)]
    [InlineData("    define owner: [user]", false)]
    public void Only_a_trailing_comment_with_the_mark_counts(string defineLine, bool critical)
    {
        var text = "model\n  schema 1.1\ntype user\ntype doc\n  relations\n" + defineLine + "\n";
        var result = FgaCompiler.Compile(text);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.Equal(critical, result.Model!.Types[1].Relations[0].IsCritical);
    }

    [Fact]
    public void Mark_on_a_full_line_comment_marks_nothing()
    {
        var text = "model\n  schema 1.1\ntype user\n# @critical\ntype doc\n  relations\n    # @critical\n    define owner: [user]\n";
        var doc = FgaCompiler.Compile(text).Model!.Types[1];
        Assert.False(doc.IsCritical);
        Assert.False(doc.Relations[0].IsCritical);
    }

    [Fact]
    public void Marks_do_not_reach_the_json()
    {
        var json = ModelJsonWriter.Write(SampleModel());
        Assert.DoesNotContain("critical", json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Extending_a_critical_type_makes_the_added_relations_critical()
    {
        var files = new[]
        {
            ("core.fga", "module core\ntype user\ntype vault # @critical\n  relations\n    define owner: [user]\n"),
            ("extra.fga", "module extra\nextend type vault\n  relations\n    define reader: [user]\n"),
        };
        var result = FgaCompiler.CompileModular("schema: '1.2'\ncontents:\n  - core.fga\n  - extra.fga\n", files);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.All(result.Model!.Types[1].Relations, r => Assert.True(r.IsCritical));
    }

    private static Model.AuthorizationModel SampleModel()
    {
        var result = FgaCompiler.Compile(File.ReadAllText(Path.Combine(TypedFga.Tests.SharedData.RepositoryRoot, "model.fga")));
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return result.Model!;
    }

    private static Model.TypeDefinition TypeOf(Model.AuthorizationModel model, string name) => model.Types.Single(t => t.Name == name);
}
