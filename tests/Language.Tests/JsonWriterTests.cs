using System.Text.Json.Nodes;
using TypedFga.Language.Model;

namespace TypedFga.Language.Tests;

/// <summary>The hand-written JSON writer: OpenFGA's shape and correct string escaping.</summary>
public sealed class JsonWriterTests
{
    [Fact]
    public void Writes_the_transformers_shape()
    {
        var model = FgaCompiler.Compile(SampleModels.MixedOperators).Model!;
        var json = JsonNode.Parse(ModelJsonWriter.Write(model))!;
        Assert.Equal("1.1", (string?)json["schema_version"]);
        Assert.Null(json["conditions"]);

        var user = json["type_definitions"]![0]!;
        Assert.Equal("{\"type\":\"user\",\"relations\":{},\"metadata\":null}", user.ToJsonString());

        var folder = json["type_definitions"]![1]!;
        var viewer = folder["relations"]!["viewer"]!["difference"]!;
        Assert.Equal(3, viewer["base"]!["union"]!["child"]!.AsArray().Count);
        Assert.NotNull(viewer["base"]!["union"]!["child"]![0]!["this"]);
        Assert.Equal("blocked", (string?)viewer["subtract"]!["computedUserset"]!["relation"]);
        Assert.Equal(
            "[{\"type\":\"user\"},{\"type\":\"user\",\"wildcard\":{}}]",
            folder["metadata"]!["relations"]!["viewer"]!["directly_related_user_types"]!.ToJsonString());
        Assert.Equal("[]", folder["metadata"]!["relations"]!["auditor"]!["directly_related_user_types"]!.ToJsonString());
    }

    [Fact]
    public void Strings_are_escaped_so_they_read_back_unchanged()
    {
        const string expression = "a == \"q\\\"uote\" && b != '\\\\' && c == \"tab\tnew\nline\u0001\u2028é😀\"";
        var model = new AuthorizationModel(
            "1.1",
            EquatableArray<TypeDefinition>.Empty,
            new[]
            {
                new ConditionDefinition(
                    "c",
                    new[] { new ConditionParameter("a", new ConditionParameterType(ConditionParameterKind.String)) }.ToEquatableArray(),
                    expression,
                    SourceSpan.None),
            }.ToEquatableArray());

        var json = ModelJsonWriter.Write(model);
        Assert.Equal(expression, (string?)JsonNode.Parse(json)!["conditions"]!["c"]!["expression"]);
        Assert.DoesNotContain('\n', json);
    }

    [Fact]
    public void Only_schema_writes_only_the_schema()
    {
        Assert.Equal("{\"schema_version\":\"1.1\"}", ModelJsonWriter.Write(FgaCompiler.Compile("model\n  schema 1.1\n").Model!));
    }
}
