namespace TypedFga.Typed;

/// <summary>
/// A generated subject type that can be rebuilt from what OpenFGA returns: an object type (<c>Document</c> for
/// <c>document:roadmap</c>) or a relation's struct as a userset type (<c>TeamMembers</c> for <c>team:eng#member</c>,
/// <c>FolderViewers</c> for <c>folder:plans#viewer</c>; every relation has one). The typed queries use it
/// to turn the strings of list objects, list users and read into generated values. Implemented by generated code.
/// </summary>
/// <typeparam name="TSelf">The generated type itself.</typeparam>
public interface IFgaSubjectKind<TSelf> : IFgaSubject
    where TSelf : struct, IFgaSubjectKind<TSelf>
{
    /// <summary>The model type of the values: <c>document</c>, or <c>team</c> for <c>team#member</c>.</summary>
    static abstract string SubjectType { get; }

    /// <summary>The relation of a userset type (<c>member</c> for <c>team#member</c>); null for an object type.</summary>
    static abstract string? SubjectRelation { get; }

    /// <summary>The value for the object (or the userset's object) with this id, bound to <paramref name="client"/>.</summary>
    /// <param name="id">The object's id, taken as OpenFGA returned it.</param>
    /// <param name="client">The client the value's calls go to; null for the current one at call time.</param>
    static abstract TSelf FromId(FgaId id, IFgaClient? client);
}
