using System.Collections.Generic;
using TypedFga.Generator.Model;

namespace TypedFga.Generator.Emit;

/// <summary>One generated source file.</summary>
internal readonly record struct GeneratedFile(string HintName, string Text);

/// <summary>Lists the files generated for one model, in a fixed order.</summary>
internal static class ModelEmitter
{
    public static IEnumerable<GeneratedFile> Emit(ModelSpec spec, string modelFileName)
    {
        // Hint names must be unique ignoring case, while C# names (Abc, AbC) need only differ by case.
        var hintNames = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase);
        yield return new GeneratedFile(Unique(hintNames, spec.Namespace + ".Fga"), FgaClassEmitter.Emit(spec, modelFileName));
        if (!spec.Conditions.IsEmpty)
        {
            yield return new GeneratedFile(Unique(hintNames, spec.Namespace + ".Fga.Conditions"), ConditionEmitter.Emit(spec));
        }

        foreach (var type in spec.Types)
        {
            yield return new GeneratedFile(Unique(hintNames, spec.TypesNamespace + "." + type.Identifier), ObjectTypeEmitter.Emit(spec, type));
        }
    }

    private static string Unique(HashSet<string> taken, string stem)
    {
        var candidate = stem;
        for (var i = 2; !taken.Add(candidate); i++)
        {
            candidate = stem + "_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate + ".g.cs";
    }
}
