using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TypedFga.Analyzers.Diagnostics;
using TypedFga.Analyzers.Symbols;

namespace TypedFga.Analyzers.Rules;

/// <summary>
/// FGA2003: a constant passed as the <c>id</c> of a generated object factory (<c>Fga.Document("...")</c>) that OpenFGA
/// would reject. The commonest case is the full object string, <c>Fga.Document("document:roadmap")</c>, where the
/// factory already supplies the type.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InvalidObjectIdAnalyzer : DiagnosticAnalyzer
{
    // OpenFGA limits an object ('type:id') to 256 characters and a type name to at least one.
    private const int MaxIdLength = 254;

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.InvalidObjectId);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var symbols = FgaApiSymbols.TryCreate(start.Compilation);
            if (symbols?.ObjectInterface is null)
            {
                return;
            }

            start.RegisterOperationAction(operation => Analyze(operation, symbols), OperationKind.Argument);
        });
    }

    private static void Analyze(OperationAnalysisContext context, FgaApiSymbols symbols)
    {
        var argument = (IArgumentOperation)context.Operation;
        if (argument.Value.ConstantValue is not { HasValue: true, Value: string id }
            || argument.Parameter is not { Name: "id", ContainingSymbol: IMethodSymbol factory }
            || !CreatesObject(factory, symbols))
        {
            return;
        }

        var problem = Validate(id);
        if (problem is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.InvalidObjectId, argument.Value.Syntax.GetLocation(), BareIdProperties(id), id, problem));
        }
    }

    // "document:roadmap" passed where the type is already known: the fix can drop the prefix when the rest is valid.
    private static ImmutableDictionary<string, string?>? BareIdProperties(string id)
    {
        var colon = id.IndexOf(':');
        if (colon <= 0)
        {
            return null;
        }

        var bare = id.Substring(colon + 1);
        return Validate(bare) is null
            ? ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.BareId, bare)
            : null;
    }

    private static bool CreatesObject(IMethodSymbol factory, FgaApiSymbols symbols)
    {
        var created = factory.MethodKind == MethodKind.Constructor ? factory.ContainingType : factory.ReturnType;
        foreach (var implemented in created.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(implemented, symbols.ObjectInterface))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Why OpenFGA rejects <paramref name="id"/>, or null when it accepts it.</summary>
    internal static string? Validate(string id)
    {
        if (id.Length == 0)
        {
            return "it is empty";
        }

        if (id.Length > MaxIdLength)
        {
            return $"it is longer than the {MaxIdLength} characters an object id can have";
        }

        var colon = id.IndexOf(':');
        if (colon > 0)
        {
            return $"it contains ':'; pass the id alone, without the '{id.Substring(0, colon)}:' prefix";
        }

        if (colon == 0)
        {
            return "it contains ':', which separates a type from an id";
        }

        if (id.IndexOf('#') >= 0)
        {
            return "it contains '#', which separates an object from a relation";
        }

        foreach (var character in id)
        {
            if (char.IsWhiteSpace(character))
            {
                return "it contains whitespace";
            }
        }

        return null;
    }
}
