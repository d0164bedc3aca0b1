using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using TypedFga.Generator.Emit;
using TypedFga.Generator.Model;
using TypedFga.Generator.Parsing;
using TypedFga.Language.Model;

namespace TypedFga.Generator;

/// <summary>
/// Generates a typed OpenFGA client (<c>Fga.Document(id).Editors.Grant(Fga.User("anne"))</c>) from every
/// <c>.fga</c> file passed as an AdditionalFile, and one combined client from every <c>fga.mod</c> with the module
/// files it lists (which are then not compiled on their own).
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
            .Where(static file => file.Path.EndsWith(".fga", System.StringComparison.OrdinalIgnoreCase) || ModularModelParser.IsModFile(file.Path))
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, cancellationToken) => ReadInput(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(TrackingNames.Input);
        var modFiles = inputs.Where(static input => ModularModelParser.IsModFile(input.Path));
        var modelFiles = inputs.Where(static input => !ModularModelParser.IsModFile(input.Path));

        // The module files every fga.mod lists: they are compiled with their fga.mod, never on their own.
        var modules = modFiles
            .Select(static (modFile, _) => ModularModelParser.ListModules(modFile))
            .Collect()
            .Select(static (lists, _) => lists.SelectMany(static list => list).ToEquatableArray())
            .WithTrackingName(TrackingNames.Modules);

        var parsed = modelFiles
            .Combine(modules)
            .Where(static pair => !pair.Right.Contains(ModularModelParser.NormalizePath(pair.Left.Path)))
            .Select(static (pair, cancellationToken) => ModelFileParser.Parse(pair.Left, cancellationToken))
            .WithTrackingName(TrackingNames.Parse);

        var parsedModular = modFiles
            .Combine(modelFiles.Collect())
            .Select(static (pair, cancellationToken) => ModularModelParser.Parse(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(TrackingNames.ParseModular);

        var outputs = parsed
            .Collect()
            .Combine(parsedModular.Collect())
            .SelectMany(static (results, _) => ModelSetResolver.Resolve(results.Left.AddRange(results.Right)))
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

    /// <summary>The module files listed by the project's <c>fga.mod</c> files.</summary>
    public const string Modules = "FgaModules";

    /// <summary>An <c>fga.mod</c> compiled with its module files to a spec.</summary>
    public const string ParseModular = "FgaModularParse";

    /// <summary>The project's model files settled together.</summary>
    public const string Resolve = "FgaModelResolve";

    /// <summary>The diagnostics of one model file.</summary>
    public const string Diagnostics = "FgaModelDiagnostics";
}
