using Xunit.Abstractions;

namespace TypedFga.Runtime.Tests.Architecture;

/// <summary>No two namespaces of the runtime depend on each other, directly or through others.</summary>
public sealed class NamespaceCycleTests(ITestOutputHelper output)
{
    [Fact]
    public void The_client_core_namespaces_form_no_cycle_and_it_references_neither_the_engine_nor_ASP_NET_Core()
    {
        var core = typeof(TupleKey).Assembly;
        var cycles = StronglyConnected(TypeReferenceReader.NamespaceEdges(core.Location)).Where(component => component.Count > 1).ToList();

        Assert.True(cycles.Count == 0, "Namespaces that depend on each other: " + string.Join("; ", cycles.Select(c => string.Join(", ", c.Order()))));
        Assert.DoesNotContain(core.GetReferencedAssemblies(), name => name.Name == "TypedFga.Embedded" || name.Name == "Cel");
        // A worker or console host does not need the web framework: the request scope lives in TypedFga.AspNetCore.
        Assert.DoesNotContain(core.GetReferencedAssemblies(), name => name.Name!.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    [Fact]
    public void The_engine_namespaces_form_no_cycle_with_the_facade_on_top()
    {
        var edges = TypeReferenceReader.NamespaceEdges(typeof(TypedFga.Embedded.EmbeddedOpenFga).Assembly.Location);
        foreach (var (from, to) in edges.Order())
        {
            output.WriteLine($"{from} -> {to}");
        }

        var cycles = StronglyConnected(edges).Where(component => component.Count > 1).Select(c => c.Order(StringComparer.Ordinal).ToList()).ToList();
        Assert.True(cycles.Count == 0, "Namespaces that depend on each other: " + string.Join("; ", cycles.Select(c => string.Join(", ", c))));

        // The facade sits on top: nothing below it names TypedFga.Embedded, and errors sit below everything that throws them.
        Assert.DoesNotContain(edges, edge => edge.To == "TypedFga.Embedded");
        Assert.DoesNotContain(edges, edge => edge.From == "TypedFga.Embedded.Errors" && edge.To.StartsWith("TypedFga.", StringComparison.Ordinal));
    }

    [Fact]
    public void The_reader_finds_a_dependency_named_only_in_a_method_body()
    {
        var edges = TypeReferenceReader.NamespaceEdges(typeof(TupleKey).Assembly.Location);

        // AddFga creates the PostgreSQL store only inside a method, behind a signature that names the base class.
        Assert.Contains(("Microsoft.Extensions.DependencyInjection", "TypedFga.Outbox.PostgreSql"), edges);
        Assert.Contains(("TypedFga.Flushing", "TypedFga.Outbox"), edges);
        Assert.DoesNotContain(("TypedFga.Outbox", "TypedFga.Hosting"), edges);
    }

    // Tarjan's algorithm: the groups of namespaces each reachable from every other in the group.
    private static List<List<string>> StronglyConnected(IReadOnlySet<(string From, string To)> edges)
    {
        var next = edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToList());
        var nodes = edges.SelectMany(e => new[] { e.From, e.To }).Distinct().ToList();
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var components = new List<List<string>>();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            onStack.Add(node);
            foreach (var target in next.GetValueOrDefault(node) ?? [])
            {
                if (!index.ContainsKey(target))
                {
                    Visit(target);
                    low[node] = Math.Min(low[node], low[target]);
                }
                else if (onStack.Contains(target))
                {
                    low[node] = Math.Min(low[node], index[target]);
                }
            }

            if (low[node] == index[node])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != node);
                components.Add(component);
            }
        }

        foreach (var node in nodes.Where(n => !index.ContainsKey(n)))
        {
            Visit(node);
        }

        return components;
    }
}
