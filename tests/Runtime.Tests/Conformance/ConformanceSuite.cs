using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TypedFga.Tests.Conformance;

/// <summary>A tuple of a conformance stage or assertion, with an optional condition.</summary>
public sealed record ConformanceTuple(string User, string Relation, string Object, string? ConditionName = null, JsonObject? ConditionContext = null)
{
    public override string ToString() => $"{Object}#{Relation}@{User}" + (ConditionName is null ? "" : $" with {ConditionName}");
}

/// <summary>A Check assertion: expected answer, or a non-zero OpenFGA error code.</summary>
public sealed record CheckAssertion(ConformanceTuple Tuple, bool Expectation, IReadOnlyList<ConformanceTuple> ContextualTuples, JsonObject? Context, int ErrorCode);

/// <summary>A ListObjects assertion: the expected objects (any order), or an error code.</summary>
public sealed record ListObjectsAssertion(string User, string Type, string Relation, IReadOnlyList<string> Expectation, IReadOnlyList<ConformanceTuple> ContextualTuples, JsonObject? Context, int ErrorCode);

/// <summary>A ListUsers assertion: the expected users in tuple notation (any order), or an error code.</summary>
public sealed record ListUsersAssertion(string Object, string Relation, IReadOnlyList<string> Filters, IReadOnlyList<string> Expectation, IReadOnlyList<ConformanceTuple> ContextualTuples, JsonObject? Context, int ErrorCode);

/// <summary>One stage: a model (DSL), tuples added to the store, and assertions.</summary>
public sealed record ConformanceStage(string Model, IReadOnlyList<ConformanceTuple> Tuples, IReadOnlyList<CheckAssertion> Checks, IReadOnlyList<ListObjectsAssertion> ListObjects, IReadOnlyList<ListUsersAssertion> ListUsers);

/// <summary>A named test: stages that share one store.</summary>
public sealed record ConformanceTest(string Name, IReadOnlyList<ConformanceStage> Stages);

/// <summary>
/// Reads OpenFGA's conformance YAML (<c>tests: [{name, stages: [...]}]</c>). Context values keep their YAML
/// types: plain scalars become JSON numbers, booleans or null where they look like one, quoted scalars strings.
/// </summary>
public static class ConformanceSuite
{
    public static IReadOnlyList<ConformanceTest> Load(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        return Sequence(root, "tests").Select(test => new ConformanceTest(
            Text(test, "name") ?? "",
            Sequence(test, "stages").Select(LoadStage).ToList())).ToList();
    }

    private static ConformanceStage LoadStage(YamlMappingNode stage) => new(
        Text(stage, "model") ?? "",
        Sequence(stage, "tuples").Select(LoadTuple).ToList(),
        Sequence(stage, "checkAssertions").Select(a =>
        {
            var tuple = LoadTuple(Mapping(a, "tuple")!);
            return new CheckAssertion(tuple, string.Equals(Text(a, "expectation"), "true", StringComparison.OrdinalIgnoreCase), Sequence(a, "contextualTuples").Select(LoadTuple).ToList(), Context(a), Code(a));
        }).ToList(),
        Sequence(stage, "listObjectsAssertions").Select(a =>
        {
            var request = Mapping(a, "request")!;
            return new ListObjectsAssertion(Text(request, "user") ?? "", Text(request, "type") ?? "", Text(request, "relation") ?? "", Strings(a, "expectation"), Sequence(a, "contextualTuples").Select(LoadTuple).ToList(), Context(a), Code(a));
        }).ToList(),
        Sequence(stage, "listUsersAssertions").Select(a =>
        {
            var request = Mapping(a, "request")!;
            return new ListUsersAssertion(Text(request, "object") ?? "", Text(request, "relation") ?? "", Strings(request, "filters"), Strings(a, "expectation"), Sequence(a, "contextualTuples").Select(LoadTuple).ToList(), Context(a), Code(a));
        }).ToList());

    private static ConformanceTuple LoadTuple(YamlMappingNode node)
    {
        var condition = Mapping(node, "condition");
        return new ConformanceTuple(
            Text(node, "user") ?? "",
            Text(node, "relation") ?? "",
            Text(node, "object") ?? "",
            condition is null ? null : Text(condition, "name"),
            condition is null ? null : Context(condition));
    }

    private static int Code(YamlMappingNode node) => int.TryParse(Text(node, "errorCode"), CultureInfo.InvariantCulture, out var code) ? code : 0;

    private static JsonObject? Context(YamlMappingNode node) =>
        node.Children.TryGetValue(new YamlScalarNode("context"), out var value) && value is YamlMappingNode map ? (JsonObject)ToJson(map)! : null;

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(p => KeyValuePair.Create(((YamlScalarNode)p.Key).Value!, ToJson(p.Value)))),
        YamlSequenceNode list => new JsonArray(list.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return JsonValue.Create(value);
        }

        if (value is "null" or "~" or "")
        {
            return null;
        }

        if (value is "true" or "false" or "True" or "False")
        {
            return JsonValue.Create(value is "true" or "True");
        }

        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        // Numbers beyond long keep their text so the engine sees the exact value, as JSON would carry it.
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            return JsonNode.Parse(value);
        }

        return JsonValue.Create(value);
    }

    private static IEnumerable<YamlMappingNode> Sequence(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlSequenceNode list
            ? list.Children.OfType<YamlMappingNode>()
            : [];

    private static YamlMappingNode? Mapping(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value as YamlMappingNode : null;

    private static string? Text(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    private static List<string> Strings(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlSequenceNode list
            ? list.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").ToList()
            : [];
}
