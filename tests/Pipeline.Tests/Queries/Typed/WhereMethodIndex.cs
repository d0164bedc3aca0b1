using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TypedFga.Pipeline.Tests.Queries.Typed;

/// <summary>
/// Which generated <c>Where...</c> method lists which relation, read from the generated source: each one forwards to
/// <c>_query.ListAsync("relation", ...)</c>. Reading the relation there, rather than rebuilding the method name from
/// it, keeps the test from repeating the generator's naming rules (and from agreeing with them when they are wrong).
/// </summary>
internal static class WhereMethodIndex
{
    /// <summary>For each set struct (<c>DocumentSet</c>): relation name to method name (<c>can_view</c> to <c>WhereCanView</c>).</summary>
    public static Dictionary<string, Dictionary<string, string>> Read(IEnumerable<SyntaxTree> trees)
    {
        var index = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var set in trees.SelectMany(tree => tree.GetRoot().DescendantNodes().OfType<StructDeclarationSyntax>()))
        {
            var methods = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var method in set.Members.OfType<MethodDeclarationSyntax>())
            {
                if (method.ExpressionBody?.Expression is InvocationExpressionSyntax
                    {
                        Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.Text: "_query" }, Name.Identifier.Text: "ListAsync" },
                        ArgumentList.Arguments: [{ Expression: LiteralExpressionSyntax literal }, ..],
                    }
                    && literal.IsKind(SyntaxKind.StringLiteralExpression))
                {
                    methods[literal.Token.ValueText] = method.Identifier.Text;
                }
            }

            if (methods.Count > 0)
            {
                index[set.Identifier.Text] = methods;
            }
        }

        return index;
    }
}
