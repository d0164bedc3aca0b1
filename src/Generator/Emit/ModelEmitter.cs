using System.Collections.Generic;
using TypedFga.Generator.Model;

namespace TypedFga.Generator.Emit;

/// <summary>One generated source file.</summary>
internal readonly record struct GeneratedFile(string HintName, string Text);

/// <summary>
/// Lists the files generated for one model, in a fixed order: <c>{Namespace}.Fga.g.cs</c> (the entry point and the
/// client view) and <c>{Namespace}.FgaTypes.g.cs</c> (every object, relation, wildcard and condition struct).
/// </summary>
internal static class ModelEmitter
{
    public static IEnumerable<GeneratedFile> Emit(ModelSpec spec, string modelFileName)
    {
        yield return new GeneratedFile(spec.Namespace + ".Fga.g.cs", FgaClassEmitter.Emit(spec, modelFileName));
        yield return new GeneratedFile(spec.TypesNamespace + ".g.cs", TypesFileEmitter.Emit(spec));
    }
}
