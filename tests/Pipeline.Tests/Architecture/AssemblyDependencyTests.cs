using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using TypedFga.Pipeline.Tests.Infrastructure;

namespace TypedFga.Pipeline.Tests.Architecture;

/// <summary>
/// The shipped assemblies depend on each other one way, as the packages do: read from their metadata, so a reference
/// the build adds without a project reference (or one a refactoring slips in) shows too.
/// </summary>
public sealed class AssemblyDependencyTests
{
    [Theory]
    [MemberData(nameof(ShippedAssemblies.Names), MemberType = typeof(ShippedAssemblies))]
    public void Each_shipped_assembly_references_only_the_layers_below_it(string assembly)
    {
        var unexpected = TypedFgaReferences(assembly).Except(ShippedAssemblies.AllowedReferences[assembly], StringComparer.Ordinal).ToList();

        Assert.True(unexpected.Count == 0, $"{assembly} references {string.Join(", ", unexpected)}");
    }

    [Fact]
    public void The_shipped_assemblies_form_no_cycle()
    {
        var edges = ShippedAssemblies.AllowedReferences.Keys.SelectMany(a => TypedFgaReferences(a).Select(r => (a, r)));

        var cycles = DependencyGraph.Cycles(edges);
        Assert.True(cycles.Count == 0, "Assemblies that depend on each other: " + DependencyGraph.Describe(cycles));
    }

    [Fact]
    public void Every_project_under_src_is_a_shipped_assembly_the_checks_cover()
    {
        // A project added under src/ without an entry would escape both this test and the namespace test.
        var projects = Directory.GetFiles(Path.Combine(DotnetProcess.RepositoryRoot(), "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(path => System.Xml.Linq.XDocument.Load(path).Descendants("AssemblyName").FirstOrDefault()?.Value ?? Path.GetFileNameWithoutExtension(path))
            .Order(StringComparer.Ordinal);

        Assert.Equal(ShippedAssemblies.AllowedReferences.Keys.Order(StringComparer.Ordinal), projects);
    }

    private static IReadOnlyList<string> TypedFgaReferences(string assembly)
    {
        using var stream = File.OpenRead(ShippedAssemblies.PathOf(assembly));
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences
            .Select(handle => metadata.GetString(metadata.GetAssemblyReference(handle).Name))
            .Where(name => name.StartsWith("TypedFga", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
