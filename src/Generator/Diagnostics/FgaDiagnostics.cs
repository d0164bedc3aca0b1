using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace TypedFga.Generator.Diagnostics;

/// <summary>
/// The diagnostics the generator reports (ids <c>FGA1xxx</c>: problems in the model or the generator's input).
/// Each id has a page under <c>docs/diagnostics/</c>.
/// </summary>
internal static class FgaDiagnostics
{
    public const string ModelSyntaxErrorId = "FGA1001";
    public const string ModelSemanticErrorId = "FGA1002";
    public const string ModelWarningId = "FGA1003";
    public const string NameCollisionId = "FGA1004";
    public const string InvalidNamespaceId = "FGA1005";
    public const string DuplicateNamespaceId = "FGA1006";
    public const string UnreadableModelId = "FGA1007";

    private const string Category = "TypedFga.Model";
    private const string HelpLinkBase = "https://github.com/typedfga/typedfga/blob/main/docs/diagnostics/";

    public static readonly DiagnosticDescriptor ModelSyntaxError = Create(
        ModelSyntaxErrorId,
        "The model has a syntax error",
        "{0}",
        DiagnosticSeverity.Error,
        "The .fga file does not follow OpenFGA's DSL grammar. No client is generated for it until it parses.");

    public static readonly DiagnosticDescriptor ModelSemanticError = Create(
        ModelSemanticErrorId,
        "The model is not valid",
        "{0} ({1})",
        DiagnosticSeverity.Error,
        "The .fga file parses but OpenFGA would refuse it (an undefined type or relation, a cycle, a relation without entry point, ...). No client is generated for it until it is valid.");

    public static readonly DiagnosticDescriptor ModelWarning = Create(
        ModelWarningId,
        "The model has a questionable construct",
        "{0} ({1})",
        DiagnosticSeverity.Warning,
        "The .fga file is valid but contains something that is probably a mistake. The client is still generated.");

    public static readonly DiagnosticDescriptor NameCollision = Create(
        NameCollisionId,
        "Two model names map to the same C# name",
        "The {0} and the {1} both become the C# name '{2}'; rename one of them in the model",
        DiagnosticSeverity.Error,
        "Generated C# names come from the model's names (PascalCase, nouns pluralised). When two of them, or one of them and a member the generated API already has, end up the same, the generated code would not compile, so nothing is generated for the file.");

    public static readonly DiagnosticDescriptor InvalidNamespace = Create(
        InvalidNamespaceId,
        "The namespace for the generated client is not valid",
        "'{0}' (from {1}) is not a valid namespace for the generated Fga class; set FgaNamespace to a dotted C# name whose parts are not 'Fga' or 'FgaTypes'",
        DiagnosticSeverity.Error,
        "The generated Fga class goes into the namespace set by the FgaNamespace MSBuild property (or FgaNamespace metadata on the .fga item), else RootNamespace. It must be a valid C# namespace and must not contain a part named Fga or FgaTypes, which would clash with the generated types.");

    public static readonly DiagnosticDescriptor DuplicateNamespace = Create(
        DuplicateNamespaceId,
        "Two model files generate into the same namespace",
        "The models '{0}' and '{1}' would both generate the class {2}.Fga; give one of them its own namespace with FgaNamespace metadata",
        DiagnosticSeverity.Error,
        "Each .fga file produces one Fga class. Two files in one namespace would produce two classes with the same name, so the second file is skipped.");

    public static readonly DiagnosticDescriptor UnreadableModel = Create(
        UnreadableModelId,
        "The model file could not be read",
        "The model file '{0}' could not be read",
        DiagnosticSeverity.Error,
        "The compiler could not provide the text of the .fga file, so no client is generated for it.");

    private static readonly Dictionary<string, DiagnosticDescriptor> All = new()
    {
        [ModelSyntaxErrorId] = ModelSyntaxError,
        [ModelSemanticErrorId] = ModelSemanticError,
        [ModelWarningId] = ModelWarning,
        [NameCollisionId] = NameCollision,
        [InvalidNamespaceId] = InvalidNamespace,
        [DuplicateNamespaceId] = DuplicateNamespace,
        [UnreadableModelId] = UnreadableModel,
    };

    /// <summary>The descriptor with this id.</summary>
    public static DiagnosticDescriptor ById(string id) => All[id];

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity, string description) =>
        new(id, title, message, Category, severity, isEnabledByDefault: true, description: description, helpLinkUri: HelpLinkBase + id + ".md");
}
