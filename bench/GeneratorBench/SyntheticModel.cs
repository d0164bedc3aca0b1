using System.Text;

namespace TypedFga.GeneratorBench;

/// <summary>
/// A valid OpenFGA model of a given size, mixing every kind of relation the generator handles: direct
/// restrictions with usersets, wildcards and conditions, computed relations, tuple-to-userset, intersection
/// and exclusion.
/// </summary>
internal static class SyntheticModel
{
    public static string Create(int types, int relationsPerType)
    {
        if (relationsPerType < 6)
        {
            throw new ArgumentOutOfRangeException(nameof(relationsPerType), relationsPerType, "The synthetic model needs at least 6 relations per type.");
        }

        var dsl = new StringBuilder();
        dsl.Append("model\n  schema 1.1\n\ntype user\n\ntype team\n  relations\n    define member: [user, team#member]\n");
        for (var t = 0; t < types; t++)
        {
            var name = TypeName(t);
            dsl.Append('\n').Append("type ").Append(name).Append(t % 10 == 0 ? " # @critical\n" : "\n").Append("  relations\n");
            dsl.Append("    define parent: [").Append(TypeName((t + 1) % types)).Append("]\n");
            dsl.Append("    define owner: [user] # @critical\n");
            dsl.Append("    define blocked: [user]\n");
            dsl.Append("    define editor: [user, team#member] or owner or editor from parent\n");
            dsl.Append("    define viewer: [user, user:*, team#member, user with non_expired] or editor or viewer from parent\n");
            dsl.Append("    define can_view: viewer but not blocked\n");
            for (var r = 6; r < relationsPerType; r++)
            {
                dsl.Append(r % 2 == 0
                    ? $"    define role_{r}: [user, team#member, {name}#editor]\n"
                    : $"    define can_act_{r}: role_{r - 1} and viewer\n");
            }
        }

        dsl.Append("\ncondition non_expired(current_time: timestamp, grant_time: timestamp, grant_duration: duration) {\n");
        dsl.Append("  current_time < grant_time + grant_duration\n}\n");
        return dsl.ToString();
    }

    private static string TypeName(int index) => "resource_" + index.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
}
