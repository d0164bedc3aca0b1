namespace TypedFga.Typed;

/// <summary>
/// A subject in OpenFGA's string form taken apart: <c>user:anne</c> (an object), <c>team:eng#member</c> (a userset) or
/// <c>user:*</c> (the wildcard). It is itself a subject, so it can be passed back to a check.
/// </summary>
public readonly struct FgaParsedSubject : IFgaSubject, IEquatable<FgaParsedSubject>
{
    private FgaParsedSubject(string subject, string type, string id, string? relation)
    {
        Subject = subject;
        Type = type;
        Id = id;
        Relation = relation;
    }

    /// <summary>The subject as OpenFGA wrote it.</summary>
    public string Subject { get; }

    /// <summary>The subject's type: <c>user</c>, <c>team</c>.</summary>
    public string Type { get; }

    /// <summary>The object's id, <c>*</c> for the wildcard.</summary>
    public string Id { get; }

    /// <summary>The relation of a userset (<c>member</c>); null for an object or the wildcard.</summary>
    public string? Relation { get; }

    /// <summary>True for the typed wildcard <c>type:*</c>: every object of the type.</summary>
    public bool IsWildcard => Relation is null && Id == "*";

    /// <inheritdoc/>
    FgaSubjectParts IFgaSubject.SubjectParts => Type is null ? default : new(Type, FgaId.From(Id), Relation);

    /// <summary>Takes a subject string apart.</summary>
    /// <param name="subject"><c>type:id</c>, <c>type:id#relation</c> or <c>type:*</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="subject"/> is null.</exception>
    /// <exception cref="FormatException"><paramref name="subject"/> has no type or no id.</exception>
    public static FgaParsedSubject Parse(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var colon = subject.IndexOf(':', StringComparison.Ordinal);
        // Ids hold neither ':' nor '#', so the first ':' ends the type and a '#' after it starts the relation.
        var hash = colon < 0 ? -1 : subject.IndexOf('#', colon + 1);
        var idEnd = hash < 0 ? subject.Length : hash;
        if (colon <= 0 || idEnd == colon + 1 || hash == subject.Length - 1)
        {
            throw new FormatException($"'{subject}' is not an OpenFGA subject: expected type:id, type:id#relation or type:*.");
        }

        return new FgaParsedSubject(
            subject,
            subject[..colon],
            subject[(colon + 1)..idEnd],
            hash < 0 ? null : subject[(hash + 1)..]);
    }

    /// <summary>True when the subject is of the generated kind <typeparamref name="TKind"/> (not counting the wildcard).</summary>
    /// <typeparam name="TKind">A generated object or userset type.</typeparam>
    public bool Is<TKind>()
        where TKind : struct, IFgaSubjectKind<TKind> =>
        !IsWildcard && Type == TKind.SubjectType && Relation == TKind.SubjectRelation;

    /// <summary>The subject as the generated value of <typeparamref name="TKind"/>, bound to <paramref name="client"/>.</summary>
    /// <typeparam name="TKind">A generated object or userset type.</typeparam>
    /// <param name="client">The client the value's calls go to; null for the current one at call time.</param>
    /// <exception cref="FormatException">The subject is of another kind (OpenFGA answered what the query did not ask for).</exception>
    public TKind As<TKind>(IFgaClient? client = null)
        where TKind : struct, IFgaSubjectKind<TKind> =>
        Is<TKind>()
            ? TKind.FromId(FgaId.From(Id), client)
            : throw new FormatException($"OpenFGA returned '{Subject}' where {Describe<TKind>()} was expected.");

    /// <summary>The kind as a list-users filter: <c>user</c>, or <c>team#member</c> for a userset type.</summary>
    /// <typeparam name="TKind">A generated object or userset type.</typeparam>
    public static string FilterOf<TKind>()
        where TKind : struct, IFgaSubjectKind<TKind> =>
        TKind.SubjectRelation is { } relation ? TKind.SubjectType + "#" + relation : TKind.SubjectType;

    /// <inheritdoc/>
    public bool Equals(FgaParsedSubject other) => string.Equals(Subject, other.Subject, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is FgaParsedSubject other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Subject is null ? 0 : Subject.GetHashCode(StringComparison.Ordinal);

    /// <summary>The subject as OpenFGA wrote it.</summary>
    public override string ToString() => Subject ?? string.Empty;

    private static string Describe<TKind>()
        where TKind : struct, IFgaSubjectKind<TKind> =>
        TKind.SubjectRelation is null ? $"a '{TKind.SubjectType}' object" : $"a '{FilterOf<TKind>()}' userset";
}
