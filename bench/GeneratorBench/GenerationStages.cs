using TypedFga.Generator.Emit;
using TypedFga.Generator.Model;
using TypedFga.Generator.Parsing;
using TypedFga.Language;
using TypedFga.Language.Model;

namespace TypedFga.GeneratorBench;

/// <summary>The generator's own stages, timed one by one to see where a cold run spends its time.</summary>
internal sealed class GenerationStages
{
    private readonly string _text;
    private readonly AuthorizationModel _model;
    private readonly string _json;
    private readonly ModelSpec _spec;

    public GenerationStages(string text)
    {
        _text = text;
        _model = FgaCompiler.Compile(text).Model ?? throw new InvalidOperationException("The synthetic model does not compile.");
        _json = ModelJsonWriter.Write(_model);
        _spec = BuildSpec() ?? throw new InvalidOperationException("The synthetic model has name collisions.");
        GeneratedCharacters = ModelEmitter.Emit(_spec, "model.fga").Sum(f => (long)f.Text.Length);
    }

    public long GeneratedCharacters { get; }

    public CompileResult Compile() => FgaCompiler.Compile(_text);

    public string WriteJson() => ModelJsonWriter.Write(_model);

    public ModelSpec? BuildSpec() => SpecBuilder.Build(_model, _json, "Bench.Authorization", ModelSourceFiles.SingleFile("/bench/model.fga"), []);

    public int Emit() => ModelEmitter.Emit(_spec, "model.fga").Sum(f => f.Text.Length);
}
