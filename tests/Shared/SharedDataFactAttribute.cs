namespace TypedFga.Tests;

/// <summary>
/// A test that reads OpenFGA's reference data beside the repository (<c>../shared/openfga</c>): reported as skipped,
/// with the reason, when the data is absent, rather than passing without having run.
/// </summary>
/// <remarks>With <c>TYPEDFGA_REQUIRE_SHARED=1</c> (as in CI) it is never skipped, and missing data fails it.</remarks>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute() => Skip = SharedData.SkipReason;
}

/// <summary>The theory form of <see cref="SharedDataFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    public SharedDataTheoryAttribute() => Skip = SharedData.SkipReason;
}
