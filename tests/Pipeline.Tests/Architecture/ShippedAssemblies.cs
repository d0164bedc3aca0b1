namespace TypedFga.Pipeline.Tests.Architecture;

/// <summary>The assemblies the packages ship, and which of them each one may reference.</summary>
internal static class ShippedAssemblies
{
    // The core finds the engine, the shared outbox and the web integration by name, which is no reference at all. The generator and the
    // analyzers compile the language in, since a compiler host loads no dependencies of theirs.
    public static readonly IReadOnlyDictionary<string, string[]> AllowedReferences = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["TypedFga.Language"] = [],
        ["TypedFga.Generator"] = [],
        ["TypedFga.Analyzers"] = [],
        ["TypedFga.Analyzers.CodeFixes"] = ["TypedFga.Analyzers"],
        ["TypedFga"] = ["TypedFga.Language"],
        ["TypedFga.Embedded"] = ["TypedFga", "TypedFga.Language"],
        ["TypedFga.AspNetCore"] = ["TypedFga"],
        ["TypedFga.PostgreSql"] = ["TypedFga"],
        ["TypedFga.Server"] = ["TypedFga", "TypedFga.Embedded", "TypedFga.Language"],
        ["TypedFga.Cli"] = ["TypedFga", "TypedFga.Language", "TypedFga.PostgreSql"],
    };

    public static TheoryData<string> Names => new(AllowedReferences.Keys);

    /// <summary>Where the test run's copy of <paramref name="assembly"/> is: every one is referenced, so it is beside the tests.</summary>
    public static string PathOf(string assembly) => Path.Combine(AppContext.BaseDirectory, assembly + ".dll");
}
