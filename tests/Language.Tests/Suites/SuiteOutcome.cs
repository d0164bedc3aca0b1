namespace TypedFga.Language.Tests.Suites;

/// <summary>The result of running one of OpenFGA's language suites against the compiler.</summary>
/// <param name="Passed">Cases that behaved as OpenFGA expects.</param>
/// <param name="Total">Cases in the suite.</param>
/// <param name="Failures">One line per failed case, naming the case and what differed.</param>
/// <param name="Note">What the count includes beyond plain checks (skipped cases), if anything.</param>
public sealed record SuiteOutcome(int Passed, int Total, IReadOnlyList<string> Failures, string? Note = null)
{
    public string Count => $"{Passed}/{Total}";

    public string Describe(string name) =>
        $"{name} {Count}" + (Note is null ? string.Empty : $" ({Note})") +
        (Failures.Count == 0 ? string.Empty : "\n  " + string.Join("\n  ", Failures));
}
