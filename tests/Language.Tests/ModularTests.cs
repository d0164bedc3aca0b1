using System.Text.Json.Nodes;
using TypedFga.Language.Model;
using TypedFga.Language.Modules;

namespace TypedFga.Language.Tests;

/// <summary>Modular models: <c>fga.mod</c>, modules and <c>extend type</c>.</summary>
public sealed class ModularTests
{
    private static readonly (string Path, string Text)[] Files =
    {
        ("core.fga", "module core\n\ntype user\n\ntype team\n  relations\n    define member: [user]\n"),
        ("docs/wiki.fga", "module wiki\n\nextend type team\n  relations\n    define editor: [user with office]\n\ntype page\n  relations\n    define owner: [team#member]\n\ncondition office(ip: ipaddress) {\n  ip.in_cidr(\"10.0.0.0/8\")\n}\n"),
    };

    [Fact]
    public void Extensions_join_their_type_and_keep_their_origin()
    {
        var result = FgaCompiler.CompileModular("schema: '1.2'\ncontents:\n  - core.fga\n  - docs/wiki.fga\n", Files);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        var model = result.Model!;
        Assert.Equal("1.2", model.SchemaVersion);
        Assert.Equal(new[] { "user", "team", "page" }, model.Types.Select(t => t.Name));

        var team = model.Types[1];
        Assert.Equal(("core", "core.fga"), (team.Module, team.SourceFile));
        Assert.Equal((null, null), (team.Relations[0].Module, team.Relations[0].SourceFile));
        Assert.Equal(("wiki", "docs/wiki.fga"), (team.Relations[1].Module, team.Relations[1].SourceFile));

        var json = JsonNode.Parse(ModelJsonWriter.Write(model))!;
        var teamJson = json["type_definitions"]![1]!["metadata"]!;
        Assert.Equal("core", (string?)teamJson["module"]);
        Assert.Equal("docs/wiki.fga", (string?)teamJson["relations"]!["editor"]!["source_info"]!["file"]);
        Assert.Equal("wiki", (string?)json["conditions"]!["office"]!["metadata"]!["module"]);
    }

    [Fact]
    public void Flow_style_contents_and_comments_are_read()
    {
        var mod = FgaModFile.Parse("# modules\nschema: \"1.2\" # required\ncontents: [core.fga, 'docs/wiki.fga']\n");
        Assert.True(mod.Diagnostics.IsEmpty, string.Join("\n", mod.Diagnostics));
        Assert.Equal(new[] { "core.fga", "docs/wiki.fga" }, mod.Contents.Select(c => c.Value));
        Assert.Equal(new SourceSpan(46, 8, 2, 11, 2, 19), mod.Contents[0].Span);
    }

    [Fact]
    public void A_listed_file_that_is_missing_is_reported_in_fga_mod()
    {
        var result = FgaCompiler.CompileModular("schema: '1.2'\ncontents:\n  - core.fga\n  - gone.fga\n", Files.Take(1).ToList(), "models/fga.mod");
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(ModelDiagnosticKinds.ModFileValidation, diagnostic.Kind);
        Assert.Equal("models/fga.mod", diagnostic.File);
        Assert.Equal(3, diagnostic.Span.Line);
        Assert.Equal(4, diagnostic.Span.Column);
    }

    [Fact]
    public void Errors_in_a_module_name_their_file()
    {
        var files = new[] { Files[0], ("docs/wiki.fga", Files[1].Text.Replace("[team#member]", "[team#lead]")) };
        var diagnostic = Assert.Single(FgaCompiler.CompileModular("schema: '1.2'\ncontents:\n  - core.fga\n  - docs/wiki.fga\n", files).Diagnostics);
        Assert.Equal(ModelDiagnosticKinds.InvalidRelationType, diagnostic.Kind);
        Assert.Equal("docs/wiki.fga", diagnostic.File);
        Assert.Equal(8, diagnostic.Span.Line);
    }

    [Fact]
    public void Extend_outside_a_module_is_an_error()
    {
        var diagnostic = FgaCompiler.Compile("model\n  schema 1.1\ntype user\nextend type user\n").Diagnostics.Single();
        Assert.Equal("extend can only be used in a modular model", diagnostic.Message);
        Assert.Equal((3, 12), (diagnostic.Span.Line, diagnostic.Span.Column));
    }
}
