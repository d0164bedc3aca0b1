extern alias generator;

using generator::TypedFga.Generator.Emit;
using generator::TypedFga.Generator.Model;
using generator::TypedFga.Generator.Parsing;
using generator::TypedFga.Language.Model;

namespace TypedFga.Generator.Tests.Support;

/// <summary>Runs the spec builder and the emitters on a hand-built model.</summary>
internal static class Emission
{
    public const string Json = "{\"schema_version\":\"1.1\",\"type_definitions\":[]}";

    public static (string HintName, string Text)[] Emit(AuthorizationModel model, string @namespace = "App")
    {
        var diagnostics = new List<DiagnosticInfo>();
        var spec = SpecBuilder.Build(model, Json, @namespace, ModelSourceFiles.SingleFile("/src/model.fga"), diagnostics);
        Assert.True(spec is not null, string.Join("; ", diagnostics.Select(d => d.ToDiagnostic().ToString())));
        return ModelEmitter.Emit(spec, "model.fga").Select(f => (f.HintName, f.Text)).ToArray();
    }

    /// <summary>The spec builder's diagnostics for a model that should not generate.</summary>
    public static List<DiagnosticInfo> Collisions(AuthorizationModel model)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var spec = SpecBuilder.Build(model, Json, "App", ModelSourceFiles.SingleFile("/src/model.fga"), diagnostics);
        Assert.Null(spec);
        return diagnostics;
    }
}
