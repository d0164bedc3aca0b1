using TypedFga.Language.Model;

namespace TypedFga.Language.Tests;

/// <summary>Spans are zero-based lines and columns plus offsets into the original text (comments and CRLF included).</summary>
public sealed class SpanTests
{
    private const string Model = "model\n  schema 1.1\n\n# people\ntype user\ntype team # groups\n  relations\n" +
        "    define member: [user, team#member, user:* with office] # @critical\n" +
        "    define lead: member or lead from parent\n    define parent: [team]\n" +
        "condition office(ip: ipaddress) {\n  ip.in_cidr(\"10.0.0.0/8\")\n}\n";

    [Fact]
    public void Type_and_relation_names_point_at_their_text()
    {
        var model = Compile(Model);
        var team = model.Types[1];
        AssertSpan(Model, team.Span, "team", line: 5, column: 5);
        AssertSpan(Model, team.Relations[0].Span, "member", line: 7, column: 11);
        AssertSpan(Model, team.Relations[2].Span, "parent", line: 9, column: 11);
    }

    [Fact]
    public void Restrictions_and_their_conditions_have_their_own_spans()
    {
        var member = Compile(Model).Types[1].Relations[0];
        AssertSpan(Model, member.DirectlyRelatedTypes[0].Span, "user", line: 7, column: 20);
        AssertSpan(Model, member.DirectlyRelatedTypes[1].Span, "team#member", line: 7, column: 26);
        AssertSpan(Model, member.DirectlyRelatedTypes[2].Span, "user:*", line: 7, column: 39);
        AssertSpan(Model, member.DirectlyRelatedTypes[2].ConditionSpan, "office", line: 7, column: 51);
    }

    [Fact]
    public void Rewrites_point_at_their_operands()
    {
        var lead = Compile(Model).Types[1].Relations[1];
        var union = Assert.IsType<UnionRewrite>(lead.Rewrite);
        AssertSpan(Model, Assert.IsType<ComputedUsersetRewrite>(union.Children[0].Value).Span, "member", line: 8, column: 17);
        AssertSpan(Model, Assert.IsType<TupleToUsersetRewrite>(union.Children[1].Value).Span, "lead from parent", line: 8, column: 27);
    }

    [Fact]
    public void Condition_span_is_its_name()
    {
        AssertSpan(Model, Compile(Model).Conditions[0].Span, "office", line: 10, column: 10);
    }

    [Fact]
    public void Offsets_count_carriage_returns_of_windows_line_endings()
    {
        var text = Model.Replace("\n", "\r\n");
        var model = Compile(text);
        AssertSpan(text, model.Types[1].Relations[1].Span, "lead", line: 8, column: 11);
        AssertSpan(text, model.Conditions[0].Span, "office", line: 10, column: 10);
    }

    [Fact]
    public void Diagnostic_spans_cover_the_offending_text()
    {
        var text = "model\n  schema 1.1 # version\ntype user\ntype doc\n  relations\n    define viewer: [user] or editor # who reads\n";
        var diagnostic = Assert.Single(FgaCompiler.Compile(text, "doc.fga").Diagnostics);
        Assert.Equal(ModelDiagnosticKinds.MissingDefinition, diagnostic.Kind);
        Assert.Equal("doc.fga", diagnostic.File);
        Assert.Equal("editor", diagnostic.Symbol);
        AssertSpan(text, diagnostic.Span, "editor", line: 5, column: 29);
    }

    [Fact]
    public void Syntax_error_on_a_line_break_spans_the_break()
    {
        var text = "module\n\ntype user";
        var diagnostic = FgaCompiler.Compile(text).Diagnostics[0];
        Assert.Equal(new SourceSpan(6, 2, 0, 6, 2, 0), diagnostic.Span);
    }

    [Fact]
    public void Error_at_end_of_input_has_an_empty_span_at_the_end()
    {
        var text = "model\n  schema 1.1\ntype doc\n  relations\n    define viewer: [user";
        var diagnostic = FgaCompiler.Compile(text).Diagnostics[0];
        Assert.Equal(ModelDiagnosticKinds.SyntaxError, diagnostic.Kind);
        Assert.Equal(new SourceSpan(text.Length, 0, 4, 24, 4, 24), diagnostic.Span);
    }

    private static AuthorizationModel Compile(string text)
    {
        var result = FgaCompiler.Compile(text);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return result.Model!;
    }

    private static void AssertSpan(string text, SourceSpan span, string expected, int line, int column)
    {
        Assert.Equal(expected, text.Substring(span.Start, span.Length));
        Assert.Equal(line, span.Line);
        Assert.Equal(column, span.Column);
        Assert.Equal(line, span.EndLine);
        Assert.Equal(column + expected.Length, span.EndColumn);
    }
}
