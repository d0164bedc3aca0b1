using TypedFga.Embedded.Errors;

namespace TypedFga.Embedded.Checking;

/// <summary>
/// The result of resolving one check node: allowed, denied (possibly only because a cycle was cut, which
/// must not be memoised), or failed with an OpenFGA error that a sibling's definite answer may still override.
/// </summary>
internal readonly record struct CheckOutcome(bool Allowed, bool CycleDetected, FgaEngineException? Error)
{
    public static CheckOutcome Allow { get; } = new(true, false, null);

    public static CheckOutcome Deny { get; } = new(false, false, null);

    public static CheckOutcome Cycle { get; } = new(false, true, null);

    public static CheckOutcome Fail(FgaEngineException error) => new(false, false, error);

    public bool Failed => Error is not null;
}
