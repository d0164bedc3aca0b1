using System.Text.Json.Nodes;
using TypedFga.Language.Model;
using TypedFga.Language.Modules;

namespace TypedFga.Language.Tests.Suites;

/// <summary>Checks one case of <c>fga-mod-transformer-cases.yaml</c> against <see cref="FgaModFile.Parse"/>.</summary>
internal static class ModFileSuite
{
    /// <summary>Null when the case passes, otherwise what differed.</summary>
    public static string? Check(ModFileCase modCase)
    {
        var parsed = FgaModFile.Parse(modCase.ModFile);
        if (modCase.Json is not null)
        {
            if (!parsed.Diagnostics.IsEmpty)
            {
                return "expected success, got " + string.Join("; ", parsed.Diagnostics.Select(LanguageSuites.Format));
            }

            var actual = ToOpenFgaShape(parsed);
            return JsonNode.DeepEquals(JsonNode.Parse(modCase.Json), actual) ? null : "JSON differs: " + actual.ToJsonString();
        }

        var expected = modCase.ExpectedErrors ?? new List<ExpectedError>();
        var problems = new List<string>();
        if (expected.Count != parsed.Diagnostics.Count)
        {
            problems.Add($"expected {expected.Count} errors, got {parsed.Diagnostics.Count}");
        }

        foreach (var error in expected)
        {
            var found = parsed.Diagnostics.Any(d =>
                d.Message == error.Msg
                && d.Span.Line == error.Line?.Start && d.Span.EndLine == error.Line?.End
                && d.Span.Column == error.Column?.Start && d.Span.EndColumn == error.Column?.End);
            if (!found)
            {
                problems.Add($"missing {error.Line?.Start}:{error.Column?.Start}-{error.Column?.End} '{error.Msg}'");
            }
        }

        return problems.Count == 0 ? null : string.Join("; ", problems) + " / got " + string.Join("; ", parsed.Diagnostics.Select(LanguageSuites.Format));
    }

    /// <summary>The shape of OpenFGA's <c>transformModFileToJSON</c> result: values with line and column ranges.</summary>
    private static JsonObject ToOpenFgaShape(FgaModFile file) => new()
    {
        ["schema"] = Property(JsonValue.Create(file.Schema), file.SchemaSpan),
        ["contents"] = Property(
            new JsonArray(file.Contents.Select(entry => (JsonNode?)Property(JsonValue.Create(entry.Value), entry.Span)).ToArray()),
            file.ContentsSpan),
    };

    private static JsonObject Property(JsonNode? value, SourceSpan span) => new()
    {
        ["value"] = value,
        ["line"] = new JsonObject { ["start"] = span.Line, ["end"] = span.EndLine },
        ["column"] = new JsonObject { ["start"] = span.Column, ["end"] = span.EndColumn },
    };
}
