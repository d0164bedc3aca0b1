using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace TypedFga.AnalyzerBench;

/// <summary>
/// An invocation analyzer that does nothing: the cost of one operation analyzer over the file (operation trees,
/// callbacks), which a build pays anyway for the SDK's own analyzers. The timings subtract it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class OperationTreeProbe : DiagnosticAnalyzer
{
    // Never reported; Roslyn skips an analyzer that supports no diagnostic at all.
    private static readonly DiagnosticDescriptor Unused = new(
        "BENCH0001", "Operation tree probe", "Operation tree probe", "Benchmark", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Unused];

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            if (start.Compilation.GetTypeByMetadataName("TypedFga.Typed.FgaRelationAttribute") is not null)
            {
                start.RegisterOperationAction(static _ => { }, OperationKind.Invocation);
            }
        });
    }
}
