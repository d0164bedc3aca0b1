extern alias generator;

using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TypedFga.Generator.Tests.Support;
using TypedFga.Tests;
using TrackingNames = generator::TypedFga.Generator.TrackingNames;

namespace TypedFga.Generator.Tests.Generation;

public sealed class IncrementalGenerationTests
{
    private static readonly string ModelText = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "model.fga"));

    [Fact]
    public void An_unrelated_csharp_edit_reuses_every_step()
    {
        var program = CSharpSyntaxTree.ParseText("namespace App; internal static class Program { }", TestCompiler.ParseOptions, "/src/Program.cs");
        var compilation = TestCompiler.Create([]).AddSyntaxTrees(program);
        var driver = GeneratorRunner.CreateDriver([new GeneratorRunner.ModelFile("/src/model.fga", ModelText)]).RunGenerators(compilation);

        var edited = compilation.ReplaceSyntaxTree(
            program, CSharpSyntaxTree.ParseText("namespace App; internal static class Program { private static int _x; }", TestCompiler.ParseOptions, "/src/Program.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var step in new[] { TrackingNames.Input, TrackingNames.Parse, TrackingNames.Resolve, TrackingNames.Diagnostics })
        {
            var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs).ToArray();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(
                o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step} was {o.Reason}"));
        }

        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void A_model_edit_parses_again()
    {
        var compilation = TestCompiler.Create([]);
        var before = GeneratorRunner.Text("/src/model.fga", ModelText);
        var driver = GeneratorRunner.CreateDriver([before]).RunGenerators(compilation);
        Assert.DoesNotContain(driver.GetRunResult().GeneratedTrees, t => t.GetText().ToString().Contains("public readonly struct Robot", StringComparison.Ordinal));

        driver = driver.ReplaceAdditionalText(before, GeneratorRunner.Text("/src/model.fga", ModelText.Replace("condition non_expired", "type robot\n\ncondition non_expired", StringComparison.Ordinal)));
        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        Assert.Empty(result.Diagnostics);
        Assert.Contains(result.TrackedSteps[TrackingNames.Parse].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(result.GeneratedSources, s => s.HintName == "App.FgaTypes.g.cs" && s.SourceText.ToString().Contains("public readonly struct Robot", StringComparison.Ordinal));
    }

    [Fact]
    public void No_step_holds_symbols_syntax_or_compilations()
    {
        var result = GeneratorRunner.Run(ModelText).Results.Single();
        var forbidden = new[] { typeof(ISymbol), typeof(SyntaxNode), typeof(Compilation), typeof(SemanticModel), typeof(Location), typeof(AdditionalText) };
        var ours = new[] { TrackingNames.Input, TrackingNames.Parse, TrackingNames.Resolve, TrackingNames.Diagnostics };
        foreach (var (step, runs) in result.TrackedSteps.Where(s => ours.Contains(s.Key)))
        {
            foreach (var output in runs.SelectMany(r => r.Outputs))
            {
                var leak = FindLeak(output.Value, forbidden, []);
                Assert.True(leak is null, $"Step {step} holds a {leak}.");
            }
        }
    }

    private static string? FindLeak(object? value, Type[] forbidden, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return null;
        }

        var type = value.GetType();
        if (forbidden.FirstOrDefault(f => f.IsAssignableFrom(type)) is { } hit)
        {
            return hit.Name;
        }

        if (value is IEnumerable items)
        {
            foreach (var item in items)
            {
                if (FindLeak(item, forbidden, seen) is { } leak)
                {
                    return leak;
                }
            }
        }

        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            if (FindLeak(field.GetValue(value), forbidden, seen) is { } leak)
            {
                return leak;
            }
        }

        return null;
    }
}
