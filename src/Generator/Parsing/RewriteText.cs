using System.Text;
using TypedFga.Language.Model;

namespace TypedFga.Generator.Parsing;

/// <summary>Writes a relation's definition back as DSL text, for the generated documentation.</summary>
internal static class RewriteText
{
    public static string Format(RelationDefinition relation)
    {
        var builder = new StringBuilder();
        Append(builder, relation.Rewrite, relation, nested: false);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, Rewrite rewrite, RelationDefinition relation, bool nested)
    {
        switch (rewrite)
        {
            case DirectRewrite:
                builder.Append('[');
                for (var i = 0; i < relation.DirectlyRelatedTypes.Count; i++)
                {
                    var restriction = relation.DirectlyRelatedTypes[i];
                    builder.Append(i == 0 ? string.Empty : ", ").Append(restriction.SubjectText);
                    if (restriction.Condition is not null)
                    {
                        builder.Append(" with ").Append(restriction.Condition);
                    }
                }

                builder.Append(']');
                break;
            case ComputedUsersetRewrite computed:
                builder.Append(computed.Relation);
                break;
            case TupleToUsersetRewrite tupleToUserset:
                builder.Append(tupleToUserset.ComputedRelation).Append(" from ").Append(tupleToUserset.Tupleset);
                break;
            case UnionRewrite union:
                AppendAll(builder, union.Children, " or ", relation, nested);
                break;
            case IntersectionRewrite intersection:
                AppendAll(builder, intersection.Children, " and ", relation, nested);
                break;
            case DifferenceRewrite difference:
                builder.Append(nested ? "(" : string.Empty);
                Append(builder, difference.Base.Value, relation, nested: true);
                builder.Append(" but not ");
                Append(builder, difference.Subtract.Value, relation, nested: true);
                builder.Append(nested ? ")" : string.Empty);
                break;
        }
    }

    private static void AppendAll(StringBuilder builder, EquatableArray<RewriteNode> children, string separator, RelationDefinition relation, bool nested)
    {
        builder.Append(nested ? "(" : string.Empty);
        for (var i = 0; i < children.Count; i++)
        {
            builder.Append(i == 0 ? string.Empty : separator);
            Append(builder, children[i].Value, relation, nested: true);
        }

        builder.Append(nested ? ")" : string.Empty);
    }
}
