namespace TypedFga.Typed;

/// <summary>
/// A subject in parts: <c>user</c> and <c>anne</c> for <c>user:anne</c>, <c>team</c>, <c>eng</c> and <c>member</c>
/// for the userset <c>team:eng#member</c>, <c>user</c> and <c>*</c> for the wildcard <c>user:*</c>. Generated subjects
/// give their parts (<see cref="IFgaSubject.SubjectParts"/>) so that a check can be looked up in the check cache
/// without building the subject's string.
/// </summary>
public readonly struct FgaSubjectParts
{
    /// <summary>Creates the parts.</summary>
    /// <param name="type">The subject's type.</param>
    /// <param name="id">The subject's id, <c>*</c> for a wildcard.</param>
    /// <param name="relation">The relation of a userset subject; null for an object or a wildcard.</param>
    /// <exception cref="ArgumentNullException"><paramref name="type"/> is null.</exception>
    public FgaSubjectParts(string type, FgaId id, string? relation = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        Type = type;
        Id = id;
        Relation = relation;
    }

    /// <summary>The subject's type; null for <c>default</c>, which stands for parts not given.</summary>
    public string? Type { get; }

    /// <summary>The subject's id.</summary>
    public FgaId Id { get; }

    /// <summary>The relation of a userset subject; null for an object or a wildcard.</summary>
    public string? Relation { get; }

    /// <summary>True when the parts are given: a type and an id.</summary>
    internal bool IsComplete => Type is not null && !Id.IsDefault;

    /// <summary>The subject in OpenFGA's string form: <c>type:id</c> or <c>type:id#relation</c>.</summary>
    public override string ToString() =>
        Type is null ? string.Empty
        : Relation is null ? Type + ":" + Id.ToString()
        : Type + ":" + Id.ToString() + "#" + Relation;
}
