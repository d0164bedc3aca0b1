using System.Net;
using System.Text.Json.Nodes;
using TypedFga.Embedded;
using TypedFga.Embedded.Errors;
using TypedFga.Language;
using TypedFga.Wire;
using Xunit.Abstractions;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace TypedFga.Tests.Embedded;

/// <summary>
/// OpenFGA's model validation cases, written to the engine as JSON: a model the data calls invalid must be
/// refused by WriteAuthorizationModel, a valid one accepted.
/// </summary>
public sealed class ModelValidationSuiteTests(ITestOutputHelper output)
{
    private const int SemanticCases = 91;

    // The cases the data marks skip all contain relations that reach themselves through computed relations
    // (x: [user] or y, y: [user] or x). OpenFGA's server refuses those models for its cycle rule.
    private const string CycleMessage = "an authorization model cannot contain a cycle";

    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();

    [SharedDataFact]
    public async Task Semantic_cases_compiled_to_json_are_refused_or_accepted_as_OpenFGA_does()
    {
        var path = SharedData.Locate(Path.Combine("language", "dsl-semantic-validation-cases.yaml"), output);
        if (path is null)
        {
            return;
        }

        var cases = Yaml.Deserialize<List<ValidationCase>>(File.ReadAllText(path));
        using var engine = new EmbeddedOpenFga();
        var store = await engine.CreateStoreAsync(new CreateStoreRequest { Name = "validation" });
        var failures = new List<string>();
        foreach (var testCase in cases)
        {
            // The compiler produces a model even when it finds semantic errors; the engine must find them too.
            var model = FgaCompiler.Compile(testCase.Dsl ?? "").Model;
            if (model is null)
            {
                failures.Add($"{testCase.Name}: the DSL does not parse");
                continue;
            }

            var outcome = await WriteAsync(engine, store.Id, ModelJsonWriter.Write(model));
            var expectInvalid = testCase.Skip || testCase.ExpectedErrors is { Count: > 0 };
            var problem = (expectInvalid, outcome) switch
            {
                (false, null) => null,
                (false, { } error) => $"refused: {error.Code}: {error.ServerMessage}",
                (true, null) => "accepted",
                (true, { ErrorCode: not FgaErrorCode.InvalidAuthorizationModel } error) => $"refused with {error.Code}: {error.ServerMessage}",
                (true, { StatusCode: not HttpStatusCode.BadRequest } error) => $"refused with HTTP {(int)error.StatusCode}",
                (true, { } error) when testCase.Skip && !error.ServerMessage.Contains(CycleMessage, StringComparison.Ordinal) =>
                    $"refused, but not for the cycle rule: {error.ServerMessage}",
                _ => null,
            };
            output.WriteLine($"{testCase.Name}: {(outcome is null ? "accepted" : outcome.ServerMessage)}");
            if (problem is not null)
            {
                failures.Add($"{testCase.Name}: {problem}");
            }
        }

        var summary = $"engine model validation {cases.Count - failures.Count}/{cases.Count} ({cases.Count(c => c.Skip)} marked skip in the data, refused for OpenFGA's cycle rule)";
        output.WriteLine(summary);
        Console.WriteLine(summary);
        Assert.Empty(failures);
        Assert.Equal(SemanticCases, cases.Count);
    }

    [SharedDataFact]
    public async Task Json_validation_cases_are_refused_or_accepted_as_OpenFGAs_server_does()
    {
        var path = SharedData.Locate(Path.Combine("language", "json-validation-cases.yaml"), output);
        if (path is null)
        {
            return;
        }

        var cases = Yaml.Deserialize<List<ValidationCase>>(File.ReadAllText(path));
        using var engine = new EmbeddedOpenFga();
        var store = await engine.CreateStoreAsync(new CreateStoreRequest { Name = "validation" });
        var failures = new List<string>();
        foreach (var testCase in cases)
        {
            var json = testCase.Json ?? "";
            var outcome = await WriteAsync(engine, store.Id, json);
            var expected = ExpectedServerAnswer(testCase, json);
            var actual = outcome?.ErrorCode;
            output.WriteLine($"{testCase.Name}: {(outcome is null ? "accepted" : $"{outcome.Code}: {outcome.ServerMessage}")}");
            if (actual != expected)
            {
                failures.Add($"{testCase.Name}: expected {expected?.ToString() ?? "accepted"}, got {actual?.ToString() ?? "accepted"}");
            }
        }

        var summary = $"engine json model validation {cases.Count - failures.Count}/{cases.Count}";
        output.WriteLine(summary);
        Console.WriteLine(summary);
        Assert.Empty(failures);
        Assert.NotEmpty(cases);
    }

    /// <summary>
    /// What OpenFGA's server answers. It checks the request's shape before the model, so a body without type
    /// definitions is a <c>validation_error</c> whatever else is wrong. A file holding more than one module only
    /// matters when turning JSON back into DSL text; the server stores such a model.
    /// </summary>
    private static FgaErrorCode? ExpectedServerAnswer(ValidationCase testCase, string json)
    {
        if (testCase.ExpectedErrors is not { Count: > 0 } errors
            || errors.All(e => e.Metadata?.GetValueOrDefault("errorType") == "multiple-modules-in-file"))
        {
            return null;
        }

        return JsonNode.Parse(json)?["type_definitions"] is JsonArray { Count: > 0 }
            ? FgaErrorCode.InvalidAuthorizationModel
            : FgaErrorCode.ValidationError;
    }

    private static async Task<FgaEngineException?> WriteAsync(EmbeddedOpenFga engine, string storeId, string json)
    {
        try
        {
            await engine.WriteAuthorizationModelAsync(storeId, json);
            return null;
        }
        catch (FgaEngineException e)
        {
            return e;
        }
    }

    public sealed class ValidationCase
    {
        public string Name { get; set; } = "";

        public string? Dsl { get; set; }

        public string? Json { get; set; }

        public bool Skip { get; set; }

        public List<ExpectedError>? ExpectedErrors { get; set; }
    }

    public sealed class ExpectedError
    {
        public string Msg { get; set; } = "";

        public Dictionary<string, string>? Metadata { get; set; }
    }
}
