namespace TypedFga.Pipeline.Tests.Architecture;

/// <summary>Cycles in a graph of dependencies between named parts (namespaces or assemblies).</summary>
internal static class DependencyGraph
{
    /// <summary>Each group of two or more parts that all reach one another, its members in ordinal order.</summary>
    public static List<List<string>> Cycles(IEnumerable<(string From, string To)> edges) =>
        StronglyConnected(edges.ToList())
            .Where(component => component.Count > 1)
            .Select(component => component.Order(StringComparer.Ordinal).ToList())
            .ToList();

    public static string Describe(IEnumerable<List<string>> cycles) => string.Join("; ", cycles.Select(c => string.Join(", ", c)));

    // Tarjan's algorithm: the groups of parts each reachable from every other in the group.
    private static List<List<string>> StronglyConnected(IReadOnlyList<(string From, string To)> edges)
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
