using System.Text.Json.Nodes;
using TypedFga.Language.Model;

namespace TypedFga.Language.Tests;

/// <summary>Condition signatures (every parameter type) and their CEL expressions, kept as OpenFGA keeps them.</summary>
public sealed class ConditionTests
{
    [Fact]
    public void Every_parameter_type_is_read()
    {
        var condition = Compile(SampleModels.Conditions).Conditions.Single();
        var types = condition.Parameters.ToDictionary(p => p.Name, p => p.Type);
        Assert.Equal(new ConditionParameterType(ConditionParameterKind.Bool), types["b"]);
        Assert.Equal(new ConditionParameterType(ConditionParameterKind.String), types["s"]);
        Assert.Equal(new ConditionParameterType(ConditionParameterKind.Int), types["i"]);
        Assert.Equal(new ConditionParameterType(ConditionParameterKind.Uint), types["u"]);
        Assert.Equal(new ConditionParameterType(ConditionParameterKind.Double), types["d"]);
        Assert.Equal(new ConditionParameterType(ConditionParameterKind.Duration), types["du"]);
        Assert.Equal(new ConditionParameterType(ConditionParameterKind.Timestamp), types["t"]);
        Assert.Equal(new ConditionParameterType(ConditionParameterKind.Ipaddress), types["ip"]);
        Assert.Equal(new ConditionParameterType(ConditionParameterKind.List, new ConditionParameterType(ConditionParameterKind.String)), types["l"]);
        Assert.Equal(new ConditionParameterType(ConditionParameterKind.Map, new ConditionParameterType(ConditionParameterKind.Int)), types["m"]);
    }

    [Fact]
    public void Parameter_types_are_written_with_OpenFGAs_type_names()
    {
        var json = JsonNode.Parse(ModelJsonWriter.Write(Compile(SampleModels.Conditions)))!;
        var parameters = json["conditions"]!["all_types"]!["parameters"]!;
        Assert.Equal("TYPE_NAME_IPADDRESS", (string?)parameters["ip"]!["type_name"]);
        Assert.Equal("TYPE_NAME_DURATION", (string?)parameters["du"]!["type_name"]);
        Assert.Equal("TYPE_NAME_LIST", (string?)parameters["l"]!["type_name"]);
        Assert.Equal("TYPE_NAME_STRING", (string?)parameters["l"]!["generic_types"]![0]!["type_name"]);
        Assert.Equal("TYPE_NAME_MAP", (string?)parameters["m"]!["type_name"]);
        Assert.Equal("TYPE_NAME_INT", (string?)parameters["m"]!["generic_types"]![0]!["type_name"]);
        Assert.Null(parameters["b"]!["generic_types"]);
    }

    [Fact]
    public void Expression_keeps_its_text_and_line_breaks_but_not_the_outer_blanks()
    {
        var condition = Compile(SampleModels.Conditions).Conditions.Single();
        Assert.StartsWith("b && s != \"\" && i > 0", condition.Expression, StringComparison.Ordinal);
        Assert.Contains("timestamp(\"2020-01-01T00:00:00Z\")\n    && ip.in_cidr(\"10.0.0.0/8\")", condition.Expression, StringComparison.Ordinal);
        Assert.EndsWith("m[\"k\"] > 1", condition.Expression, StringComparison.Ordinal);
    }

    [Fact]
    public void Cel_comments_are_left_out_and_braces_in_strings_do_not_end_the_expression()
    {
        var text = Model("x == \"{}\" // compares braces\n  && x != \"}\"");
        Assert.Equal("x == \"{}\" \n  && x != \"}\"", Compile(text).Conditions[0].Expression);
    }

    [Theory]
    [InlineData("map<map>", 37)]
    [InlineData("list<list>", 38)]
    [InlineData("list", 37)]
    [InlineData("list< string>", 38)]
    [InlineData("strings", 33)]
    public void Unsupported_parameter_types_are_syntax_errors_at_the_type(string type, int column)
    {
        var text = $"model\n  schema 1.1\ntype user\ntype document\n  relations\n    define viewer: [user with is_not_deleted]\ncondition is_not_deleted(status: {type}) {{\n  status != \"deleted\"\n}}\n";
        var error = FgaCompiler.Compile(text).Diagnostics[0];
        Assert.Equal(ModelDiagnosticKinds.SyntaxError, error.Kind);
        Assert.Equal(6, error.Span.Line);
        Assert.Equal(column, error.Span.Column);
    }

    [Fact]
    public void A_parameter_named_like_a_type_is_rejected()
    {
        var error = FgaCompiler.Compile(Model("true", parameters: "string: string")).Diagnostics[0];
        Assert.Equal("mismatched input 'string' expecting IDENTIFIER", error.Message);
    }

    [Fact]
    public void Duplicate_parameters_and_conditions_are_reported_with_OpenFGAs_messages()
    {
        var text = Model("x", parameters: "x: int, x: int") + "condition allowed(y: int) {\n  y\n}\n";
        var messages = FgaCompiler.Compile(text).Diagnostics.Select(d => d.Message).ToList();
        Assert.Contains("parameter 'x' is already defined in the condition 'allowed'", messages);
        Assert.Contains("condition 'allowed' is already defined in the model", messages);
    }

    private static string Model(string expression, string parameters = "x: string") =>
        $"model\n  schema 1.1\ntype user\ntype doc\n  relations\n    define viewer: [user with allowed]\ncondition allowed({parameters}) {{\n  {expression}\n}}\n";

    private static AuthorizationModel Compile(string text)
    {
        var result = FgaCompiler.Compile(text);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return result.Model!;
    }
}
