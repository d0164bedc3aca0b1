using TypedFga.Generator.Tests.Support;
using TypedFga.Tests;

namespace TypedFga.Generator.Tests.Generation;

public sealed class ModelFileGenerationTests
{
    private static string SampleModelText => File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "model.fga"));

    [Fact]
    public void Repository_model_matches_the_golden_files()
    {
        var result = GeneratorRunner.Run(SampleModelText);
        Assert.Empty(result.Diagnostics);
        GoldenFiles.Verify("RepositoryModel", GeneratorRunner.Sources(result));
    }

    [Fact]
    public void Output_is_identical_on_every_run()
    {
        var first = GeneratorRunner.Sources(GeneratorRunner.Run(SampleModelText));
        var second = GeneratorRunner.Sources(GeneratorRunner.Run(SampleModelText.Replace("\n", "\r\n", StringComparison.Ordinal)));
        Assert.Equal(first.Select(f => f.HintName), second.Select(f => f.HintName));
        Assert.Equal(first.Select(f => f.Text), second.Select(f => f.Text));
    }

    [Fact]
    public void The_namespace_comes_from_FgaNamespace_before_RootNamespace()
    {
        var result = GeneratorRunner.Run(
            [new GeneratorRunner.ModelFile("/src/model.fga", SampleModelText)],
            new Dictionary<string, string> { ["RootNamespace"] = "App", ["FgaNamespace"] = "App.Authorization" });
        Assert.Contains(GeneratorRunner.Sources(result), f => f.HintName == "App.Authorization.Fga.g.cs" && f.Text.Contains("namespace App.Authorization\n", StringComparison.Ordinal));
    }

    [Fact]
    public void The_namespace_defaults_to_TypedFga_Generated()
    {
        var result = GeneratorRunner.Run([new GeneratorRunner.ModelFile("/src/model.fga", SampleModelText)], new Dictionary<string, string>());
        Assert.Contains(GeneratorRunner.Sources(result), f => f.HintName == "TypedFga.Generated.Fga.g.cs");
    }

    [Fact]
    public void Item_metadata_gives_each_model_its_own_namespace()
    {
        var result = GeneratorRunner.Run(
        [
            new GeneratorRunner.ModelFile("/src/a/model.fga", SampleModelText, "App.A"),
            new GeneratorRunner.ModelFile("/src/b/model.fga", SampleModelText, "App.B"),
        ]);
        Assert.Empty(result.Diagnostics);
        var hints = GeneratorRunner.Sources(result).Select(f => f.HintName).ToArray();
        Assert.Contains("App.A.Fga.g.cs", hints);
        Assert.Contains("App.B.Fga.g.cs", hints);
    }

    [Fact]
    public void A_file_included_twice_is_generated_once()
    {
        var result = GeneratorRunner.Run(
        [
            new GeneratorRunner.ModelFile("/src/model.fga", SampleModelText),
            new GeneratorRunner.ModelFile("/src/model.fga", SampleModelText),
        ]);
        Assert.Empty(result.Diagnostics);
        Assert.Single(GeneratorRunner.Sources(result), f => f.HintName == "App.Fga.g.cs");
    }

    [Fact]
    public void Files_other_than_fga_models_are_ignored()
    {
        var result = GeneratorRunner.Run([new GeneratorRunner.ModelFile("/src/notes.txt", "not a model")]);
        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorRunner.Sources(result));
    }
}
