namespace TypedFga.Analyzers.Symbols;

/// <summary>What a generated relation type's attributes say about it.</summary>
/// <param name="ObjectType">The model type, for example <c>document</c>.</param>
/// <param name="Relation">The relation, for example <c>owner</c>.</param>
/// <param name="IsCritical">True when the type carries <c>[FgaCritical]</c>.</param>
internal sealed record RelationTypeInfo(string ObjectType, string Relation, bool IsCritical)
{
    /// <summary>The relation as OpenFGA writes it: <c>document#owner</c>.</summary>
    public string QualifiedName => ObjectType + "#" + Relation;
}
