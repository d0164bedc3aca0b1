using System.Text.Json.Nodes;

namespace TypedFga.Tests.Conformance;

/// <summary>Passed and total assertions of one kind.</summary>
public sealed class ConformanceTally
{
    public int Passed { get; set; }

    public int Total { get; set; }

    public override string ToString() => $"{Passed}/{Total}";
}

/// <summary>The counts and failures of a suite run.</summary>
public sealed class ConformanceReport(string suite)
{
    public string Suite { get; } = suite;

    public ConformanceTally Check { get; } = new();

    public ConformanceTally ListObjects { get; } = new();

    public ConformanceTally ListUsers { get; } = new();

    public ConformanceTally ContextualCheck { get; } = new();

    public ConformanceTally ContextualListObjects { get; } = new();

    public ConformanceTally ContextualListUsers { get; } = new();

    public List<string> Failures { get; } = [];

    public string Summary =>
        $"conformance {Suite}: check {Check}, list-objects {ListObjects}, list-users {ListUsers}; " +
        $"with stage tuples as contextual tuples: check {ContextualCheck}, list-objects {ContextualListObjects}, list-users {ContextualListUsers}";
}

/// <summary>
/// Runs OpenFGA's conformance tests the way OpenFGA's own runner does: one store per test; each stage writes
/// its model and tuples (in chunks of 40) and then runs every Check, ListObjects and ListUsers assertion,
/// comparing error codes when one is expected. Single-stage tests run a second time with the stage's tuples
/// sent as contextual tuples instead of written.
/// </summary>
public sealed class ConformanceRunner(IConformanceTarget target, Func<string, string> modelToJson)
{
    private const int WriteChunkSize = 40;
    private const int MaxContextualTuples = 100;

    public async Task<ConformanceReport> RunAsync(string suiteName, IReadOnlyList<ConformanceTest> tests)
    {
        var report = new ConformanceReport(suiteName);
        foreach (var test in tests)
        {
            await RunTestAsync(test, report, contextual: false);
            if (test.Stages.Count == 1 && test.Stages[0].Tuples.Count <= MaxContextualTuples)
            {
                await RunTestAsync(test, report, contextual: true);
            }
        }

        return report;
    }

    private async Task RunTestAsync(ConformanceTest test, ConformanceReport report, bool contextual)
    {
        var name = contextual ? test.Name + "_ctxTuples" : test.Name;
        var storeId = await target.CreateStoreAsync("conformance");
        for (var stageNumber = 0; stageNumber < test.Stages.Count; stageNumber++)
        {
            var stage = test.Stages[stageNumber];
            var where = $"{name} stage {stageNumber}";
            var model = await target.WriteModelAsync(storeId, modelToJson(stage.Model));
            if (model.ErrorCode != 0)
            {
                report.Failures.Add($"{where}: the model was refused: {model.Message}");
                Count(report, stage, contextual, passed: false);
                continue;
            }

            var modelId = model.Value!;
            if (!contextual)
            {
                for (var i = 0; i < stage.Tuples.Count; i += WriteChunkSize)
                {
                    await target.WriteTuplesAsync(storeId, modelId, stage.Tuples.Skip(i).Take(WriteChunkSize).ToList());
                }
            }

            IReadOnlyList<ConformanceTuple> Extra(IReadOnlyList<ConformanceTuple> own) => contextual ? [.. own, .. stage.Tuples] : own;

            foreach (var assertion in stage.Checks)
            {
                var result = await target.CheckAsync(storeId, modelId, assertion.Tuple, Extra(assertion.ContextualTuples), assertion.Context);
                var passed = Judge(result, assertion.ErrorCode, v => v == assertion.Expectation, out var actual);
                Tally(report, contextual ? report.ContextualCheck : report.Check, passed,
                    $"{where} check {assertion.Tuple}{Describe(assertion.Context)}: expected {(assertion.ErrorCode != 0 ? "error " + assertion.ErrorCode : assertion.Expectation)}, got {actual}");
            }

            foreach (var assertion in stage.ListObjects)
            {
                var result = await target.ListObjectsAsync(storeId, modelId, assertion.User, assertion.Type, assertion.Relation, Extra(assertion.ContextualTuples), assertion.Context);
                var passed = Judge(result, assertion.ErrorCode, v => SameSet(v, assertion.Expectation), out var actual);
                Tally(report, contextual ? report.ContextualListObjects : report.ListObjects, passed,
                    $"{where} list-objects {assertion.Type}#{assertion.Relation}@{assertion.User}{Describe(assertion.Context)}: expected {(assertion.ErrorCode != 0 ? "error " + assertion.ErrorCode : Format(assertion.Expectation))}, got {actual}");
            }

            foreach (var assertion in stage.ListUsers)
            {
                var result = await target.ListUsersAsync(storeId, modelId, assertion.Object, assertion.Relation, assertion.Filters.FirstOrDefault() ?? "", Extra(assertion.ContextualTuples), assertion.Context);
                var passed = Judge(result, assertion.ErrorCode, v => SameSet(v, assertion.Expectation), out var actual);
                Tally(report, contextual ? report.ContextualListUsers : report.ListUsers, passed,
                    $"{where} list-users {assertion.Object}#{assertion.Relation} [{string.Join(",", assertion.Filters)}]{Describe(assertion.Context)}: expected {(assertion.ErrorCode != 0 ? "error " + assertion.ErrorCode : Format(assertion.Expectation))}, got {actual}");
            }
        }
    }

    private static bool Judge<T>(TargetResult<T> result, int expectedCode, Func<T, bool> matches, out string actual)
    {
        actual = result.ErrorCode != 0 ? $"error {result.ErrorCode} ({result.Message})" : result.Value is IEnumerable<string> list ? Format(list) : $"{result.Value}";
        return expectedCode != 0 ? result.ErrorCode == expectedCode : result.ErrorCode == 0 && matches(result.Value!);
    }

    private static void Tally(ConformanceReport report, ConformanceTally tally, bool passed, string failure)
    {
        tally.Total++;
        if (passed)
        {
            tally.Passed++;
        }
        else
        {
            report.Failures.Add(failure);
        }
    }

    private static void Count(ConformanceReport report, ConformanceStage stage, bool contextual, bool passed)
    {
        foreach (var (tally, count) in new[]
        {
            (contextual ? report.ContextualCheck : report.Check, stage.Checks.Count),
            (contextual ? report.ContextualListObjects : report.ListObjects, stage.ListObjects.Count),
            (contextual ? report.ContextualListUsers : report.ListUsers, stage.ListUsers.Count),
        })
        {
            tally.Total += count;
            tally.Passed += passed ? count : 0;
        }
    }

    private static bool SameSet(IReadOnlyList<string> actual, IReadOnlyList<string> expected) =>
        actual.Count == expected.Count && actual.Order(StringComparer.Ordinal).SequenceEqual(expected.Order(StringComparer.Ordinal));

    private static string Format(IEnumerable<string> values) => "[" + string.Join(", ", values.Order(StringComparer.Ordinal)) + "]";

    private static string Describe(JsonObject? context) => context is null ? "" : " context " + context.ToJsonString();
}
