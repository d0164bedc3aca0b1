namespace TypedFga.Language.Tests;

/// <summary>Full-line and trailing comments, removed as OpenFGA removes them.</summary>
public sealed class CommentTests
{
    private const string Plain = "model\n  schema 1.1\ntype user\ntype team\n  relations\n    define member: [user, team#member]\n    define lead: [user] or member\n";

    [Fact]
    public void Comments_anywhere_leave_the_model_unchanged()
    {
        var commented = "# header\nmodel # the model\n  # between\n  schema 1.1 # version\n\n# users\ntype user # people\n" +
            "type team\n    # indented comment\n  relations # the relations\n    define member: [user, team#member] # members\n" +
            "\n  # a comment line inside the block\n    define lead: [user] or member   # leads\n# trailing\n";
        Assert.Equal(Json(Plain), Json(commented));
    }

    [Fact]
    public void A_hash_inside_a_userset_is_not_a_comment()
    {
        var restriction = FgaCompiler.Compile(Plain).Model!.Types[1].Relations[0].DirectlyRelatedTypes[1];
        Assert.Equal("team", restriction.Type);
        Assert.Equal("member", restriction.Relation);
    }

    [Fact]
    public void A_hash_not_preceded_by_a_blank_is_a_syntax_error()
    {
        var text = Plain.Replace("define lead: [user] or member", "define lead: [user] or member#note");
        var error = FgaCompiler.Compile(text).Diagnostics[0];
        Assert.Equal(Model.ModelDiagnosticKinds.SyntaxError, error.Kind);
        Assert.Equal(6, error.Span.Line);
        Assert.Equal(33, error.Span.Column);
    }

    [Fact]
    public void Trailing_blanks_and_windows_line_endings_are_ignored()
    {
        Assert.Equal(Json(Plain), Json(Plain.Replace("\n", "   \r\n")));
    }

    private static string Json(string text)
    {
        var result = FgaCompiler.Compile(text);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return ModelJsonWriter.Write(result.Model!);
    }
}
