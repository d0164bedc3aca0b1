using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using TypedFga.Generator.Emit;
using TypedFga.Generator.Model;
using TypedFga.Generator.Parsing;

namespace TypedFga.Generator;

/// <summary>
/// Generates a typed OpenFGA client (<c>Fga.Document(id).Editors.Grant(Fga.User("anne"))</c>) from every
/// <c>.fga</c> file passed as an AdditionalFile.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class FgaGenerator : IIncrementalGenerator
{
    /// <summary>The namespace used when neither <c>FgaNamespace</c> nor <c>RootNamespace</c> is set.</summary>
    public const string DefaultNamespace = "TypedFga.Generated";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var inputs = context.AdditionalTextsProvider
            .Where(static file => file.Path.EndsWith(".fga", System.StringComparison.OrdinalIgnoreCase))
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, cancellationToken) => ReadInput(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(TrackingNames.Input);

        var parsed = inputs
            .Select(static (input, cancellationToken) => ModelFileParser.Parse(input, cancellationToken))
            .WithTrackingName(TrackingNames.Parse);

        var outputs = parsed
            .Collect()
            .SelectMany(static (results, _) => ModelSetResolver.Resolve(results))
            .WithTrackingName(TrackingNames.Resolve);

        context.RegisterSourceOutput(outputs, static (production, output) => AddSources(production, output));
        context.RegisterSourceOutput(
            outputs.Select(static (output, _) => output.Diagnostics).WithTrackingName(TrackingNames.Diagnostics),
            static (production, diagnostics) =>
            {
                foreach (var diagnostic in diagnostics)
                {
                    production.ReportDiagnostic(diagnostic.ToDiagnostic());
                }
            });
    }

    private static ModelFileInput ReadInput(AdditionalText file, AnalyzerConfigOptionsProvider options, CancellationToken cancellationToken)
    {
        var (@namespace, source) = ChooseNamespace(options.GetOptions(file), options.GlobalOptions);
        return new ModelFileInput(file.Path, file.GetText(cancellationToken)?.ToString(), @namespace, source);
    }

    private static (string Namespace, string Source) ChooseNamespace(AnalyzerConfigOptions fileOptions, AnalyzerConfigOptions globalOptions)
    {
        if (TryGet(fileOptions, "build_metadata.AdditionalFiles.FgaNamespace", out var value))
        {
            return (value, "the FgaNamespace metadata of the model file");
        }

        if (TryGet(globalOptions, "build_property.FgaNamespace", out value))
        {
            return (value, "the FgaNamespace property");
        }

        return TryGet(globalOptions, "build_property.RootNamespace", out value)
            ? (value, "the RootNamespace property")
            : (DefaultNamespace, "the default namespace");
    }

    private static bool TryGet(AnalyzerConfigOptions options, string key, out string value)
    {
        if (options.TryGetValue(key, out var raw) && !string.IsNullOrWhiteSpace(raw))
        {
            value = raw.Trim();
            return true;
        }

        value = string.Empty;
        return false;
    }

    private static void AddSources(SourceProductionContext production, ModelFileOutput output)
    {
        if (output.Spec is null)
        {
            return;
        }

        foreach (var file in ModelEmitter.Emit(output.Spec, output.FileName))
        {
            production.CancellationToken.ThrowIfCancellationRequested();
            production.AddSource(file.HintName, SourceText.From(file.Text, Encoding.UTF8));
        }
    }
}

/// <summary>The names of the pipeline steps, for incremental-caching tests.</summary>
internal static class TrackingNames
{
    /// <summary>A model file read with its namespace.</summary>
    public const string Input = "FgaModelInput";

    /// <summary>A model file compiled to a spec.</summary>
    public const string Parse = "FgaModelParse";

    /// <summary>The project's model files settled together.</summary>
    public const string Resolve = "FgaModelResolve";

    /// <summary>The diagnostics of one model file.</summary>
    public const string Diagnostics = "FgaModelDiagnostics";
}
