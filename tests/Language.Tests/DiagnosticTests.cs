using TypedFga.Language.Model;

namespace TypedFga.Language.Tests;

/// <summary>Error kinds and messages as OpenFGA words them, and the compiler's behaviour on hostile input.</summary>
public sealed class DiagnosticTests
{
    [Theory]
    [InlineData("define viewer: [user] or editor", ModelDiagnosticKinds.MissingDefinition, "the relation `editor` does not exist.")]
    [InlineData("define viewer: [group]", ModelDiagnosticKinds.InvalidType, "`group` is not a valid type.")]
    [InlineData("define viewer: [user#member]", ModelDiagnosticKinds.InvalidRelationType, "`member` is not a valid relation for `user`.")]
    [InlineData("define viewer: [user with ok]", ModelDiagnosticKinds.ConditionNotDefined, "`ok` is not a defined condition in the model.")]
    [InlineData("define viewer: viewer from viewer", ModelDiagnosticKinds.TuplesetNotDirect, "`viewer` relation used inside from allows only direct relation.")]
    [InlineData("define self: [user]", ModelDiagnosticKinds.ReservedRelationKeywords, "a relation cannot be named 'self' or 'this'.")]
    [InlineData("define viewer: [user, user]", ModelDiagnosticKinds.DuplicatedError, "the type restriction `user` is a duplicate in the relation `viewer`.")]
    public void Semantic_errors_use_OpenFGAs_kinds_and_messages(string define, string kind, string message)
    {
        var diagnostic = Assert.Single(FgaCompiler.Compile(Doc(define)).Diagnostics);
        Assert.Equal(kind, diagnostic.Kind);
        Assert.Equal(message, diagnostic.Message);
        Assert.Equal(ModelDiagnosticSeverity.Error, diagnostic.Severity);
    }

    [Fact]
    public void Impossible_relations_say_whether_they_loop()
    {
        var text = "model\n  schema 1.1\ntype doc\n  relations\n    define parent: [doc]\n    define a: b\n    define b: a\n    define c: c from parent\n";
        var messages = FgaCompiler.Compile(text).Diagnostics.Select(d => d.Message).ToList();
        Assert.Equal(
            new[]
            {
                "`a` is an impossible relation for `doc` (potential loop).",
                "`b` is an impossible relation for `doc` (potential loop).",
                "`c` is an impossible relation for `doc` (no entrypoint).",
            },
            messages);
    }

    [Fact]
    public void Unused_condition_and_bad_schema_are_reported()
    {
        var unused = FgaCompiler.Compile(Doc("define viewer: [user]") + "condition spare(x: int) {\n  x > 1\n}\n").Diagnostics.Single();
        Assert.Equal(ModelDiagnosticKinds.ConditionNotUsed, unused.Kind);
        Assert.Equal("`spare` condition is not used in the model.", unused.Message);

        var schema = FgaCompiler.Compile("model\n  schema 1.0\ntype user\n").Diagnostics.Single();
        Assert.Equal(ModelDiagnosticKinds.InvalidSchema, schema.Kind);
        Assert.Equal("invalid schema 1.0", schema.Message);
    }

    [Fact]
    public void A_module_file_alone_has_no_schema_version()
    {
        var diagnostic = FgaCompiler.Compile("module core\ntype user\n").Diagnostics.Single();
        Assert.Equal(ModelDiagnosticKinds.SchemaVersionRequired, diagnostic.Kind);
        Assert.True(FgaCompiler.Parse("module core\ntype user\n").Success);
    }

    [Theory]
    [InlineData("define viewer: [user] and editor or owner", "mismatched input ' ' expecting {<EOF>, NEWLINE}", 36)]
    [InlineData("define viewer: editor or [user]", "mismatched input '[' expecting {'(', IDENTIFIER, EXTENDED_IDENTIFIER}", 29)]
    [InlineData("define viewer: [user@]", "token recognition error at: '@'", 24)]
    [InlineData("define and: [user]", "mismatched input 'and' expecting {IDENTIFIER, EXTENDED_IDENTIFIER}", 11)]
    public void Syntax_errors_name_the_offending_input(string define, string message, int column)
    {
        var result = FgaCompiler.Compile(Doc(define));
        Assert.Null(result.Model);
        Assert.False(result.Success);
        var diagnostic = result.Diagnostics[0];
        Assert.Equal(ModelDiagnosticKinds.SyntaxError, diagnostic.Kind);
        Assert.Equal(message, diagnostic.Message);
        Assert.Equal(5, diagnostic.Span.Line);
        Assert.Equal(column, diagnostic.Span.Column);
    }

    [Fact]
    public void Parse_accepts_what_only_validation_rejects()
    {
        var text = Doc("define viewer: viewer from editor");
        Assert.True(FgaCompiler.Parse(text).Success);
        Assert.False(FgaCompiler.Compile(text).Success);
        Assert.NotNull(FgaCompiler.Compile(text).Model);
    }

    [Fact]
    public void Deep_nesting_is_an_error_not_a_crash()
    {
        var text = Doc("define viewer: " + new string('(', 5000) + "viewer" + new string(')', 5000));
        var diagnostic = FgaCompiler.Compile(text).Diagnostics[0];
        Assert.Equal(ModelDiagnosticKinds.SyntaxError, diagnostic.Kind);
        Assert.Contains("nested deeper", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_broken_line_gets_its_own_error()
    {
        var text = "model\n  schema 1.1\ntype user\ntype doc\n  relations\n    define a: [user] or\n    define b: [user\n    define c: [user]\n";
        var lines = FgaCompiler.Compile(text).Diagnostics.Select(d => d.Span.Line).ToList();
        Assert.Equal(new[] { 5, 7 }, lines);
    }

    [Fact]
    public void Cancellation_stops_the_compiler()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => FgaCompiler.Compile(Doc("define viewer: [user]"), null, cancellation.Token));
    }

    [Fact]
    public void Null_input_is_an_argument_error()
    {
        Assert.Throws<ArgumentNullException>(() => FgaCompiler.Compile(null!));
        Assert.Throws<ArgumentNullException>(() => FgaCompiler.CompileModular(null!, Array.Empty<(string, string)>()));
        Assert.Throws<ArgumentNullException>(() => ModelJsonWriter.Write(null!));
    }

    [Fact]
    public void Empty_and_blank_input_is_a_syntax_error()
    {
        Assert.Equal(ModelDiagnosticKinds.SyntaxError, FgaCompiler.Compile(string.Empty).Diagnostics.Single().Kind);
        Assert.Equal(ModelDiagnosticKinds.SyntaxError, FgaCompiler.Compile(" \n\t\n").Diagnostics.Single().Kind);
    }

    [Fact]
    public void A_large_model_compiles_cleanly()
    {
        var text = new System.Text.StringBuilder("model\n  schema 1.1\ntype user\n");
        for (var t = 0; t < 100; t++)
        {
            text.Append($"type t{t}\n  relations\n    define parent: [t{(t + 1) % 100}]\n    define owner: [user, t{t}#member]\n    define member: [user, user:*]\n");
            for (var r = 3; r < 20; r++)
            {
                text.Append($"    define r{r}: [user] or owner or r{r} from parent or (member and owner)\n");
            }
        }

        var result = FgaCompiler.Compile(text.ToString());
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Take(5)));
        Assert.Equal(101, result.Model!.Types.Count);
        Assert.All(result.Model.Types.Skip(1), t => Assert.Equal(20, t.Relations.Count));
    }

    private static string Doc(string define) => $"model\n  schema 1.1\ntype user\ntype doc\n  relations\n    {define}\n";
}
