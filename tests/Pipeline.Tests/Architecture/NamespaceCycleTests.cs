using Xunit.Abstractions;

namespace TypedFga.Pipeline.Tests.Architecture;

/// <summary>No two namespaces of a shipped assembly depend on each other, directly or through others.</summary>
public sealed class NamespaceCycleTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(ShippedAssemblies.Names), MemberType = typeof(ShippedAssemblies))]
    public void The_namespaces_of_each_shipped_assembly_form_no_cycle(string assembly)
    {
        var edges = TypeReferenceReader.NamespaceEdges(ShippedAssemblies.PathOf(assembly));
        foreach (var (from, to) in edges.Where(e => e.To.StartsWith("TypedFga", StringComparison.Ordinal)).Order())
        {
            output.WriteLine($"{from} -> {to}");
        }

        var cycles = DependencyGraph.Cycles(edges);
        Assert.True(cycles.Count == 0, $"Namespaces of {assembly} that depend on each other: {DependencyGraph.Describe(cycles)}");
    }

    [Fact]
    public void The_client_core_references_neither_the_engine_nor_CEL_nor_PostgreSQL_nor_ASP_NET_Core()
    {
        var references = typeof(TupleKey).Assembly.GetReferencedAssemblies();

        Assert.DoesNotContain(references, name => name.Name is "TypedFga.Embedded" or "Cel" or "TypedFga.PostgreSql" or "Npgsql");
        // A worker or console host does not need the web framework: the request scope lives in TypedFga.AspNetCore.
        Assert.DoesNotContain(references, name => name.Name!.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    [Fact]
    public void The_engine_facade_sits_above_every_other_engine_namespace()
    {
        var edges = TypeReferenceReader.NamespaceEdges(ShippedAssemblies.PathOf("TypedFga.Embedded"));

        // Nothing below the facade names it, and the errors sit below everything that throws them.
        Assert.DoesNotContain(edges, edge => edge.To == "TypedFga.Embedded");
        Assert.DoesNotContain(edges, edge => edge.From == "TypedFga.Embedded.Errors" && edge.To.StartsWith("TypedFga.", StringComparison.Ordinal));
        Assert.Contains(("TypedFga.Embedded.Checking", "TypedFga.Embedded.Errors"), edges);
    }

    [Fact]
    public void The_reader_finds_a_dependency_named_only_in_a_method_body()
    {
        var edges = TypeReferenceReader.NamespaceEdges(typeof(TupleKey).Assembly.Location);

        // AddFga names the check cache only inside a lambda, which the compiler turns into a method of a nested class.
        Assert.Contains(("Microsoft.Extensions.DependencyInjection", "TypedFga.Caching"), edges);
        Assert.Contains(("TypedFga.Flushing", "TypedFga.Outbox"), edges);
        Assert.DoesNotContain(("TypedFga.Outbox", "TypedFga.Hosting"), edges);
    }

    [Fact]
    public void The_cycle_finder_reports_a_cycle_through_three_parts_and_nothing_for_a_chain()
    {
        var cycles = DependencyGraph.Cycles([("A", "B"), ("B", "C"), ("C", "A"), ("C", "D")]);

        Assert.Equal([["A", "B", "C"]], cycles);
        Assert.Empty(DependencyGraph.Cycles([("A", "B"), ("B", "C"), ("A", "C")]));
    }
}
