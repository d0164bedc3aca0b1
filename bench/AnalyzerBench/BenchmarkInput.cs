using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using TypedFga.Analyzers.Rules;
using TypedFga.Generator;
using TypedFga.Typed;

namespace TypedFga.AnalyzerBench;

/// <summary>
/// A compilation with the generated API for a small model and one file of <see cref="CallCount"/> calls to it:
/// a quarter write-behind on a critical relation (FGA2001), a quarter dropped (FGA2002), a quarter checks with a
/// context, a quarter ordinary awaited grants.
/// </summary>
internal static class BenchmarkInput
{
    public const int CallCount = 1_000;

    private const string Model = """
        model
          schema 1.1

        type user

        type document
          relations
            define owner: [user] # @critical
            define editor: [user] or owner
            define viewer: [user, user with non_expired] or editor

        condition non_expired(current_time: timestamp, grant_time: timestamp, grant_duration: duration) {
          current_time < grant_time + grant_duration
        }

        """;

    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } =
    [
        new WriteBehindOnCriticalRelationAnalyzer(),
        new DroppedRelationCallAnalyzer(),
        new InvalidObjectIdAnalyzer(),
        new MissingConditionContextAnalyzer(),
    ];

    /// <summary>The compilation after the generator ran; benchmarks clone it so that nothing bound is reused.</summary>
    public static CSharpCompilation CreateCompilation()
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create(
            "Bench",
            [CSharpSyntaxTree.ParseText(CallSites(), parseOptions, path: "CallSites.cs")],
            [.. Basic.Reference.Assemblies.Net100.References.All, MetadataReference.CreateFromFile(typeof(FgaRelationAttribute).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var driver = CSharpGeneratorDriver.Create(
            [new FgaGenerator().AsSourceGenerator()],
            [new ModelText("model.fga", Model)],
            parseOptions,
            new RootNamespaceOptions("App"));
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var generated, out var generatorDiagnostics);

        var errors = generated.GetDiagnostics().Concat(generatorDiagnostics).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The benchmark input does not compile:\n" + string.Join("\n", errors));
        }

        return (CSharpCompilation)generated;
    }

    private static string CallSites()
    {
        var code = new StringBuilder();
        code.AppendLine("using System;");
        code.AppendLine("using System.Collections.Generic;");
        code.AppendLine("using System.Threading.Tasks;");
        code.AppendLine("namespace App;");
        code.AppendLine("public static class CallSites");
        code.AppendLine("{");
        for (var i = 0; i < CallCount / 4; i++)
        {
            code.AppendLine($"    public static async Task Case{i}(App.FgaTypes.User user)");
            code.AppendLine("    {");
            code.AppendLine($"        await Fga.Document(\"doc-{i}\").Owners.Grant(user);");
            code.AppendLine($"        Fga.Document(\"doc-{i}\").Editors.Revoke(user);");
            code.AppendLine($"        _ = await Fga.Document(\"doc-{i}\").Viewers.Check(user, new Dictionary<string, object?> {{ [\"current_time\"] = DateTimeOffset.UnixEpoch }});");
            code.AppendLine($"        await Fga.Document(\"doc-{i}\").Editors.Grant(user);");
            code.AppendLine("    }");
        }

        code.AppendLine("}");
        return code.ToString();
    }

    private sealed class ModelText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text, Encoding.UTF8);
    }

    private sealed class RootNamespaceOptions(string rootNamespace) : AnalyzerConfigOptionsProvider
    {
        private readonly Options _options = new(rootNamespace);

        public override AnalyzerConfigOptions GlobalOptions => _options;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options(string? rootNamespace) : AnalyzerConfigOptions
        {
            public static Options Empty { get; } = new(null);

            public override bool TryGetValue(string key, out string value)
            {
                value = rootNamespace ?? string.Empty;
                return rootNamespace is not null && key == "build_property.RootNamespace";
            }
        }
    }
}
