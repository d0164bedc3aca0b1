using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace TypedFga.Pipeline.Tests.Architecture;

/// <summary>
/// The shipped assemblies depend on each other one way, as the packages do: read from their metadata, so a reference
/// the build adds without a project reference (or one a refactoring slips in) shows too.
/// </summary>
public sealed class AssemblyDependencyTests
{
    // Who may reference whom among the shipped assemblies. The core finds the engine and the web integration by name,
    // which is no reference at all.
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["TypedFga.Language"] = [],
        ["TypedFga.Generator"] = [],
        ["TypedFga"] = ["TypedFga.Language"],
        ["TypedFga.Embedded"] = ["TypedFga", "TypedFga.Language"],
        ["TypedFga.AspNetCore"] = ["TypedFga"],
        ["TypedFga.Server"] = ["TypedFga", "TypedFga.Embedded", "TypedFga.Language"],
        ["TypedFga.Cli"] = ["TypedFga", "TypedFga.Language"],
    };

    [Fact]
    public void Each_shipped_assembly_references_only_the_layers_below_it()
    {
        foreach (var (assembly, allowed) in Allowed)
        {
            var references = TypedFgaReferences(assembly);
            var unexpected = references.Except(allowed, StringComparer.Ordinal).ToList();
            Assert.True(unexpected.Count == 0, $"{assembly} references {string.Join(", ", unexpected)}");
        }
    }

    [Fact]
    public void The_shipped_assemblies_form_no_cycle()
    {
        var edges = Allowed.Keys.ToDictionary(a => a, TypedFgaReferences, StringComparer.Ordinal);
        var placed = new HashSet<string>(StringComparer.Ordinal);

        // Kahn's order: an assembly is placed once everything it references is placed; what is never placed is in a cycle.
        bool progress;
        do
        {
            progress = false;
            foreach (var (assembly, references) in edges)
            {
                if (!placed.Contains(assembly) && references.All(r => placed.Contains(r) || !edges.ContainsKey(r)))
                {
                    placed.Add(assembly);
                    progress = true;
                }
            }
        }
        while (progress);

        Assert.DoesNotContain(edges.Keys, a => !placed.Contains(a));
    }

    private static IReadOnlyList<string> TypedFgaReferences(string assembly)
    {
        var path = Path.Combine(AppContext.BaseDirectory, assembly + ".dll");
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences
            .Select(handle => metadata.GetString(metadata.GetAssemblyReference(handle).Name))
            .Where(name => name.StartsWith("TypedFga", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
