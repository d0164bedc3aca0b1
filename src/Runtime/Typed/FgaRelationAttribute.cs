namespace TypedFga.Typed;

/// <summary>Names the model relation a generated relation type stands for.</summary>
[AttributeUsage(AttributeTargets.Struct | AttributeTargets.Class, Inherited = false)]
public sealed class FgaRelationAttribute(string type, string relation) : Attribute
{
    /// <summary>The object type, for example <c>document</c>.</summary>
    public string Type { get; } = type;

    /// <summary>The relation, for example <c>editor</c>.</summary>
    public string Relation { get; } = relation;
}
