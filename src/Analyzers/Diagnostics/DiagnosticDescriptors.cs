using Microsoft.CodeAnalysis;

namespace TypedFga.Analyzers.Diagnostics;

/// <summary>The ids of the usage rules; code fixes and suppressions refer to these.</summary>
public static class DiagnosticIds
{
    /// <summary>Write-behind <c>Grant</c>/<c>Revoke</c> on a relation the model marks critical.</summary>
    public const string WriteBehindOnCriticalRelation = "FGA2001";

    /// <summary>The ValueTask of a generated relation call is neither awaited nor stored.</summary>
    public const string DroppedRelationCall = "FGA2002";

    /// <summary>A constant object id that OpenFGA rejects.</summary>
    public const string InvalidObjectId = "FGA2003";

    /// <summary>A Check on a conditioned relation that leaves condition parameters unset.</summary>
    public const string MissingConditionContext = "FGA2004";
}

/// <summary>Keys of <see cref="Diagnostic.Properties"/> that carry data from an analyzer to its code fix.</summary>
public static class DiagnosticProperties
{
    /// <summary>FGA2001: the write-through method that replaces the called one (<c>GrantNow</c> or <c>RevokeNow</c>).</summary>
    public const string Replacement = "Replacement";

    /// <summary>FGA2002: how the call can be awaited, one of the <see cref="AwaitFixKinds"/> values; absent when it cannot.</summary>
    public const string AwaitFix = "AwaitFix";

    /// <summary>FGA2003: the id without its <c>type:</c> prefix, when that is what the call meant and OpenFGA accepts it.</summary>
    public const string BareId = "BareId";
}

/// <summary>Values of <see cref="DiagnosticProperties.AwaitFix"/>.</summary>
public static class AwaitFixKinds
{
    /// <summary>The enclosing function is already async (or is top-level code): only <c>await</c> is added.</summary>
    public const string AddAwait = "AddAwait";

    /// <summary>The enclosing method becomes <c>async</c> (a <c>void</c> one returns <c>Task</c>) and the call is awaited.</summary>
    public const string MakeAsync = "MakeAsync";
}

/// <summary>Every descriptor the TypedFga usage analyzers report.</summary>
internal static class DiagnosticDescriptors
{
    /// <summary>Where the per-rule pages live; the id and <c>.md</c> are appended.</summary>
    private const string HelpLinkBase = "https://github.com/typedfga/typedfga/blob/main/docs/diagnostics/";

    private const string UsageCategory = "Usage";
    private const string ReliabilityCategory = "Reliability";

    public static readonly DiagnosticDescriptor WriteBehindOnCriticalRelation = Create(
        DiagnosticIds.WriteBehindOnCriticalRelation,
        "Write-behind used on a critical relation",
        "'{0}' buffers the write to critical relation {1} in write-behind; use '{2}' to write it through",
        UsageCategory,
        "Relations marked '# @critical' in the model must be written through to OpenFGA before the call returns, " +
        "so that a revoke takes effect at once and a grant is never lost between the outbox and the server.");

    public static readonly DiagnosticDescriptor DroppedRelationCall = Create(
        DiagnosticIds.DroppedRelationCall,
        "Result of an OpenFGA call is dropped",
        "The ValueTask returned by '{0}' is neither awaited nor stored: {1}",
        ReliabilityCategory,
        "A grant or revoke whose ValueTask is dropped may never be acknowledged and its failure goes unseen; " +
        "a check whose ValueTask is dropped is an answer nobody reads.");

    public static readonly DiagnosticDescriptor InvalidObjectId = Create(
        DiagnosticIds.InvalidObjectId,
        "Object id that OpenFGA rejects",
        "\"{0}\" is not a valid object id: {1}",
        UsageCategory,
        "OpenFGA object ids may not be empty and may not contain ':', '#' or whitespace; the typed factories take " +
        "the id alone, without the 'type:' prefix.");

    public static readonly DiagnosticDescriptor MissingConditionContext = Create(
        DiagnosticIds.MissingConditionContext,
        "Condition parameters supplied neither by a grant nor by the check",
        "Check on {0} never supplies condition parameter '{1}' of '{2}': no grant in this project sets it and the check's context lacks it, so OpenFGA fails the check",
        UsageCategory,
        "OpenFGA evaluates a tuple's condition with the tuple's stored context merged with the check's context; " +
        "a parameter missing from both makes the check fail with a validation error.",
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    private static DiagnosticDescriptor Create(
        string id, string title, string message, string category, string description, params string[] customTags) =>
        new(id, title, message, category, DiagnosticSeverity.Warning, isEnabledByDefault: true,
            description: description, helpLinkUri: HelpLinkBase + id + ".md", customTags: customTags);
}
