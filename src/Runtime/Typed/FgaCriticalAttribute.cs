namespace TypedFga.Typed;

/// <summary>
/// Marks a generated relation whose model definition carries <c># @critical</c>. Write-behind must
/// not be used for it: the analyzer warns on <c>Grant</c>/<c>Revoke</c>, and the runtime writes through.
/// </summary>
[AttributeUsage(AttributeTargets.Struct | AttributeTargets.Class | AttributeTargets.Property, Inherited = false)]
public sealed class FgaCriticalAttribute(string relation) : Attribute
{
    /// <summary>The relation as <c>type#relation</c>, for example <c>document#owner</c>.</summary>
    public string Relation { get; } = relation;
}
