using System.Globalization;
using System.Text.Json.Nodes;
using TypedFga.Tests;
using Xunit.Abstractions;

namespace TypedFga.Server.Tests.Infrastructure;

/// <summary>
/// OpenFGA's Swagger 2.0 document (<c>../shared/openfga/api/apidocs.swagger.json</c>) as a checker: finds the
/// operation of a request and validates request and response bodies against its schemas (unknown fields,
/// missing required fields, types, enum values such as error code names).
/// </summary>
public sealed class SwaggerContract
{
    private readonly JsonObject _paths;
    private readonly JsonObject _definitions;

    private SwaggerContract(JsonObject document)
    {
        _paths = document["paths"]!.AsObject();
        _definitions = document["definitions"]!.AsObject();
    }

    /// <summary>The document, or null (with a message written) when the reference data is absent.</summary>
    public static SwaggerContract? Load(ITestOutputHelper output)
    {
        var path = SharedData.Locate("api/apidocs.swagger.json", output);
        return path is null ? null : new SwaggerContract(JsonNode.Parse(File.ReadAllText(path))!.AsObject());
    }

    /// <summary>Every operation as (METHOD, path template).</summary>
    public IReadOnlyList<(string Method, string Path)> Operations =>
        _paths.SelectMany(p => p.Value!.AsObject().Select(m => (m.Key.ToUpperInvariant(), p.Key))).ToList();

    /// <summary>The path template of a concrete path and method, or null when the document has no such operation.</summary>
    public string? FindTemplate(string method, string path)
    {
        var segments = path.Trim('/').Split('/');
        foreach (var (template, operations) in _paths)
        {
            var parts = template.Trim('/').Split('/');
            if (parts.Length == segments.Length
                && operations!.AsObject().ContainsKey(method.ToLowerInvariant())
                && parts.Zip(segments).All(pair => pair.First.StartsWith('{') || pair.First == pair.Second))
            {
                return template;
            }
        }

        return null;
    }

    /// <summary>Problems of an exchange: unknown operation, request body or response body not matching the document.</summary>
    public IReadOnlyList<string> Validate(RecordedExchange exchange) => Validate(exchange, checkRequest: true);

    /// <summary>Problems of an exchange's answer only (for requests that are wrong on purpose).</summary>
    public IReadOnlyList<string> ValidateResponse(RecordedExchange exchange) => Validate(exchange, checkRequest: false);

    private IReadOnlyList<string> Validate(RecordedExchange exchange, bool checkRequest)
    {
        var problems = new List<string>();
        var where = $"{exchange.Method} {exchange.Path} -> {exchange.Status}";
        var template = FindTemplate(exchange.Method, exchange.Path);
        if (template is null)
        {
            problems.Add($"{where}: no such operation in OpenFGA's API");
            return problems;
        }

        var operation = _paths[template]![exchange.Method.ToLowerInvariant()]!.AsObject();
        var bodyParameter = operation["parameters"]?.AsArray().FirstOrDefault(p => (string?)p!["in"] == "body");
        if (checkRequest && bodyParameter is not null && exchange.RequestBody.Length > 0)
        {
            Check(JsonNode.Parse(exchange.RequestBody), bodyParameter["schema"]!.AsObject(), "request", problems);
        }

        var response = operation["responses"]?[exchange.Status.ToString(CultureInfo.InvariantCulture)];
        if (response is null)
        {
            problems.Add($"{where}: status {exchange.Status} is not one OpenFGA answers this operation with");
        }
        else if (response["schema"] is JsonObject schema && exchange.ResponseBody.Length > 0)
        {
            // The document points 401 at a schema with the ErrorCode enum, while the codes sent are AuthErrorCode's.
            var effective = exchange.Status == 401 ? ErrorSchema("AuthErrorCode") : schema;
            var body = template.EndsWith("streamed-list-objects", StringComparison.Ordinal) && exchange.Status == 200
                ? exchange.ResponseBody.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line))
                : [JsonNode.Parse(exchange.ResponseBody)];
            foreach (var node in body)
            {
                Check(node, effective, "response", problems);
            }
        }

        return problems.Select(p => p.StartsWith(where, StringComparison.Ordinal) ? p : $"{where}: {p}").ToList();
    }

    private static JsonObject ErrorSchema(string codeDefinition) => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["code"] = new JsonObject { ["$ref"] = "#/definitions/" + codeDefinition },
            ["message"] = new JsonObject { ["type"] = "string" },
        },
    };

    private void Check(JsonNode? node, JsonObject schema, string path, List<string> problems)
    {
        if (schema["$ref"] is JsonValue reference)
        {
            var name = reference.GetValue<string>()["#/definitions/".Length..];
            Check(node, _definitions[name]!.AsObject(), path, problems);
            return;
        }

        if (node is null)
        {
            return; // protojson writes unset messages as null
        }

        switch ((string?)schema["type"])
        {
            case "object" when node is not JsonObject:
                problems.Add($"{path}: expected an object, got {node.ToJsonString()}");
                break;
            case "object":
                CheckObject(node.AsObject(), schema, path, problems);
                break;
            case "array" when node is not JsonArray:
                problems.Add($"{path}: expected an array, got {node.ToJsonString()}");
                break;
            case "array":
                var index = 0;
                foreach (var item in node.AsArray())
                {
                    Check(item, schema["items"]!.AsObject(), $"{path}[{index++}]", problems);
                }

                break;
            case "string":
                CheckString(node, schema, path, problems);
                break;
            case "boolean" when node.GetValueKind() is not (System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False):
                problems.Add($"{path}: expected a boolean, got {node.ToJsonString()}");
                break;
            case "integer" or "number" when node.GetValueKind() is not (System.Text.Json.JsonValueKind.Number or System.Text.Json.JsonValueKind.String):
                problems.Add($"{path}: expected a number, got {node.ToJsonString()}");
                break;
        }
    }

    private void CheckObject(JsonObject node, JsonObject schema, string path, List<string> problems)
    {
        var properties = schema["properties"]?.AsObject();
        var additional = schema["additionalProperties"] as JsonObject;
        foreach (var required in schema["required"]?.AsArray() ?? [])
        {
            if (!node.ContainsKey(required!.GetValue<string>()))
            {
                problems.Add($"{path}: the required field '{required}' is missing");
            }
        }

        foreach (var (name, value) in node)
        {
            if (properties?[name] is JsonObject property)
            {
                Check(value, property, $"{path}.{name}", problems);
            }
            else if (additional is not null)
            {
                Check(value, additional, $"{path}.{name}", problems);
            }
            else if (properties is not null)
            {
                problems.Add($"{path}: the field '{name}' is not in OpenFGA's API");
            }
        }
    }

    private static void CheckString(JsonNode node, JsonObject schema, string path, List<string> problems)
    {
        if (node.GetValueKind() != System.Text.Json.JsonValueKind.String)
        {
            problems.Add($"{path}: expected a string, got {node.ToJsonString()}");
            return;
        }

        var text = node.GetValue<string>();
        if (schema["enum"] is JsonArray values && !values.Any(v => (string?)v == text))
        {
            problems.Add($"{path}: '{text}' is not one of OpenFGA's values ({string.Join(", ", values.Take(8))}, ...)");
        }

        if ((string?)schema["format"] == "date-time"
            && (!text.EndsWith('Z') || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)))
        {
            problems.Add($"{path}: '{text}' is not an RFC 3339 UTC time");
        }
    }
}
