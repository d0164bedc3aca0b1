namespace TypedFga.Typed;

/// <summary>
/// The authorization model a generated <c>Fga</c> class was built from: OpenFGA's JSON
/// (the <c>WriteAuthorizationModel</c> body) and the relations marked <c># @critical</c>.
/// </summary>
/// <param name="Json">The model as OpenFGA JSON.</param>
/// <param name="CriticalRelations">Critical relations as <c>type#relation</c>, ordinal-sorted.</param>
public sealed record FgaModelInfo(string Json, IReadOnlyList<string> CriticalRelations)
{
    /// <summary>True when <paramref name="type"/>#<paramref name="relation"/> is marked critical.</summary>
    public bool IsCritical(string type, string relation) => CriticalRelations.Contains($"{type}#{relation}", StringComparer.Ordinal);
}
