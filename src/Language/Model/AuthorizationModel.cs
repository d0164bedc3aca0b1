namespace TypedFga.Language.Model
{
    /// <summary>A parsed OpenFGA model: types and conditions in source order.</summary>
    public sealed record AuthorizationModel(
        string SchemaVersion,
        EquatableArray<TypeDefinition> Types,
        EquatableArray<ConditionDefinition> Conditions);
}
