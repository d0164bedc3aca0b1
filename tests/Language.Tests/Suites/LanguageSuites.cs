using System.Text.Json.Nodes;
using TypedFga.Language.Model;
using Xunit.Abstractions;

namespace TypedFga.Language.Tests.Suites;

/// <summary>
/// Runs OpenFGA's language suites against the compiler. Each method returns null (after writing why) when the
/// reference data is not beside the repository.
/// </summary>
internal static class LanguageSuites
{
    /// <summary><c>transformer/*/authorization-model.fga</c> must transform to <c>authorization-model.json</c>.</summary>
    public static SuiteOutcome? Transformer(ITestOutputHelper? output)
    {
        var root = LanguageData.Locate("transformer", output);
        if (root is null)
        {
            return null;
        }

        var failures = new List<string>();
        var directories = Directory.GetDirectories(root).OrderBy(d => d, StringComparer.Ordinal).ToList();
        foreach (var directory in directories)
        {
            var name = Path.GetFileName(directory);
            var result = FgaCompiler.Parse(File.ReadAllText(Path.Combine(directory, "authorization-model.fga")));
            if (result.Model is null)
            {
                failures.Add($"{name}: {string.Join("; ", result.Diagnostics.Select(Format))}");
                continue;
            }

            var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "authorization-model.json")));
            var actualText = ModelJsonWriter.Write(result.Model);
            if (!JsonNode.DeepEquals(expected, JsonNode.Parse(actualText)))
            {
                failures.Add($"{name}: JSON differs: {actualText}");
            }
        }

        return new SuiteOutcome(directories.Count - failures.Count, directories.Count, failures);
    }

    /// <summary>
    /// <c>dsl-syntax-validation-cases.yaml</c>: valid cases compile cleanly; invalid ones fail with a syntax error
    /// whose first occurrence is on the expected line and column.
    /// </summary>
    public static SuiteOutcome? Syntax(ITestOutputHelper? output)
    {
        var path = LanguageData.Locate("dsl-syntax-validation-cases.yaml", output);
        if (path is null)
        {
            return null;
        }

        var cases = LanguageData.ReadYaml<DslCase>(path);
        var failures = new List<string>();
        foreach (var testCase in cases)
        {
            var result = FgaCompiler.Compile(testCase.Dsl);
            var expected = testCase.ExpectedErrors?.FirstOrDefault();
            if (expected is null)
            {
                if (!result.Success)
                {
                    failures.Add($"{testCase.Name}: expected valid, got {string.Join("; ", result.Diagnostics.Select(Format))}");
                }

                continue;
            }

            var first = result.Diagnostics.FirstOrDefault();
            var matches = first is not null
                && result.Model is null
                && first.Kind == ModelDiagnosticKinds.SyntaxError
                && first.Span.Line == expected.Line!.Start
                && (expected.Column is null || first.Span.Column == expected.Column.Start);
            if (!matches)
            {
                failures.Add($"{testCase.Name}: expected line {expected.Line!.Start} col {expected.Column?.Start} '{expected.Msg}', got " +
                    (first is null ? "no error" : Format(first)));
            }
        }

        return new SuiteOutcome(cases.Count - failures.Count, cases.Count, failures);
    }

    /// <summary>
    /// <c>dsl-semantic-validation-cases.yaml</c>: exactly the expected errors (kind, message, line, column).
    /// Cases marked <c>skip</c> (OpenFGA's own validator does not report them either) are compiled, not asserted.
    /// </summary>
    public static SuiteOutcome? Semantic(ITestOutputHelper? output)
    {
        var path = LanguageData.Locate("dsl-semantic-validation-cases.yaml", output);
        if (path is null)
        {
            return null;
        }

        var cases = LanguageData.ReadYaml<DslCase>(path);
        var failures = new List<string>();
        var skipped = 0;
        foreach (var testCase in cases)
        {
            var result = FgaCompiler.Compile(testCase.Dsl);
            if (testCase.Skip)
            {
                skipped++;
                continue;
            }

            var expected = testCase.ExpectedErrors ?? new List<ExpectedError>();
            var problems = CompareErrors(expected, result.Diagnostics, compareFile: false, compareMessages: _ => true);
            if (expected.Count == 0 && !result.Success)
            {
                problems.Add("expected valid");
            }

            if (problems.Count > 0)
            {
                failures.Add($"{testCase.Name}: {string.Join("; ", problems)}");
            }
        }

        return new SuiteOutcome(cases.Count - failures.Count, cases.Count, failures, $"{cases.Count - skipped} checked, {skipped} marked skip in the data");
    }

    /// <summary>
    /// <c>transformer-module/*</c> (combined JSON and module list, or the expected errors) and
    /// <c>fga-mod-transformer-cases.yaml</c> (the parsed <c>fga.mod</c>, or its errors).
    /// </summary>
    public static SuiteOutcome? Modules(ITestOutputHelper? output)
    {
        var root = LanguageData.Locate("transformer-module", output);
        var modCasesPath = LanguageData.Locate("fga-mod-transformer-cases.yaml", output);
        if (root is null || modCasesPath is null)
        {
            return null;
        }

        var failures = new List<string>();
        var total = 0;
        var withoutInputs = new List<string>();
        foreach (var directory in Directory.GetDirectories(root).OrderBy(d => d, StringComparer.Ordinal))
        {
            var name = Path.GetFileName(directory);
            if (!Directory.Exists(Path.Combine(directory, "module")))
            {
                withoutInputs.Add(name);
                continue;
            }

            total++;
            var problem = ModuleCase(directory);
            if (problem is not null)
            {
                failures.Add($"{name}: {problem}");
            }
        }

        foreach (var modCase in LanguageData.ReadYaml<ModFileCase>(modCasesPath))
        {
            total++;
            var problem = ModFileSuite.Check(modCase);
            if (problem is not null)
            {
                failures.Add($"fga.mod '{modCase.Name}': {problem}");
            }
        }

        var note = withoutInputs.Count == 0 ? null : $"not counted, no module files in the data: {string.Join(", ", withoutInputs)}";
        return new SuiteOutcome(total - failures.Count, total, failures, note);
    }

    internal static List<string> CompareErrors(
        IReadOnlyList<ExpectedError> expected,
        IReadOnlyList<ModelDiagnostic> actual,
        bool compareFile,
        Func<ExpectedError, bool> compareMessages)
    {
        var problems = new List<string>();
        var unmatched = actual.ToList();
        foreach (var error in expected)
        {
            var match = unmatched.FirstOrDefault(d =>
                (error.ErrorType is null || d.Kind == error.ErrorType)
                && d.Span.Line == error.Line?.Start
                && d.Span.Column == error.Column?.Start
                && (!compareMessages(error) || d.Message == error.Msg)
                && (!compareFile || d.File == error.File));
            if (match is null)
            {
                problems.Add($"missing [{error.ErrorType}] {error.File} {error.Line?.Start}:{error.Column?.Start} '{error.Msg}'");
            }
            else
            {
                unmatched.Remove(match);
            }
        }

        problems.AddRange(unmatched.Select(d => "unexpected " + Format(d)));
        return problems;
    }

    internal static string Format(ModelDiagnostic d) =>
        $"[{d.Kind}] {d.File} {d.Span.Line}:{d.Span.Column}-{d.Span.EndColumn} '{d.Message}'";

    private static string? ModuleCase(string directory)
    {
        var moduleDirectory = Path.Combine(directory, "module");
        var files = Directory.GetFiles(moduleDirectory, "*.fga")
            .Select(f => (Path: Path.GetFileName(f), Text: File.ReadAllText(f)))
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToList();
        var modText = "schema: '1.2'\ncontents:\n" + string.Concat(files.Select(f => $"  - {f.Path}\n"));
        var result = FgaCompiler.CompileModular(modText, files);

        var expectedJsonPath = Path.Combine(directory, "authorization-model.json");
        if (File.Exists(expectedJsonPath))
        {
            if (!result.Success || result.Model is null)
            {
                return "expected success, got " + string.Join("; ", result.Diagnostics.Select(Format));
            }

            var actualText = ModelJsonWriter.Write(result.Model);
            if (!JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllText(expectedJsonPath)), JsonNode.Parse(actualText)))
            {
                return "JSON differs: " + actualText;
            }

            var modules = result.Model.Types.Select(t => t.Module)
                .Concat(result.Model.Types.SelectMany(t => t.Relations).Select(r => r.Module))
                .Concat(result.Model.Conditions.Select(c => c.Module))
                .OfType<string>().Distinct().OrderBy(m => m, StringComparer.Ordinal);
            var expectedModules = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "expected_modules.json")));
            return JsonNode.DeepEquals(expectedModules, new JsonArray(modules.Select(m => (JsonNode?)JsonValue.Create(m)).ToArray()))
                ? null
                : "module list differs";
        }

        var expectedErrors = System.Text.Json.JsonSerializer.Deserialize<List<ExpectedError>>(
            File.ReadAllText(Path.Combine(directory, "expected_errors.json")),
            new System.Text.Json.JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;

        // Grammar errors carry ANTLR's wording, so only their position is compared; and ANTLR's error recovery
        // may add further syntax errors on the same file, which are not counted.
        var isSyntax = (ExpectedError e) => e.Msg.StartsWith("no viable", StringComparison.Ordinal)
            || e.Msg.StartsWith("mismatched", StringComparison.Ordinal)
            || e.Msg.StartsWith("extraneous", StringComparison.Ordinal);
        var actual = result.Diagnostics.Where(d => d.Kind != ModelDiagnosticKinds.SyntaxError
            || expectedErrors.Any(e => isSyntax(e) && e.File == d.File && e.Line?.Start == d.Span.Line)).ToList();
        var problems = CompareErrors(expectedErrors, actual, compareFile: true, compareMessages: e => !isSyntax(e));
        return problems.Count == 0 && !result.Success ? null : string.Join("; ", problems);
    }
}
