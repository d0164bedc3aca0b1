using Antlr4.Runtime.Tree;
using Cel.Internal;

namespace TypedFga.Embedded.Authorization.Conditions;

/// <summary>
/// Finds the free identifiers of a parsed CEL expression, so a model can be refused when a condition names
/// a parameter it does not declare (the evaluator itself only notices at run time).
/// </summary>
internal static class CelIdentifiers
{
    private static readonly HashSet<string> Macros = ["all", "exists", "exists_one", "map", "filter"];

    public static IReadOnlyCollection<string> FreeIdentifiers(IParseTree tree)
    {
        var bound = new HashSet<string>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        Visit(tree, bound, used);
        used.ExceptWith(bound);
        return used;
    }

    private static void Visit(IParseTree node, HashSet<string> bound, HashSet<string> used)
    {
        switch (node)
        {
            case CelParser.IdentOrGlobalCallContext ident when ident.op is null && ident.id is not null:
                used.Add(ident.id.Text);
                break;
            case CelParser.MemberCallContext call when call.id is not null && Macros.Contains(call.id.Text) && call.args?.ChildCount > 0:
                // The first argument of a comprehension macro binds a variable, e.g. list.exists(x, x > 1).
                bound.Add(call.args.GetChild(0).GetText());
                break;
        }

        for (var i = 0; i < node.ChildCount; i++)
        {
            Visit(node.GetChild(i), bound, used);
        }
    }
}
