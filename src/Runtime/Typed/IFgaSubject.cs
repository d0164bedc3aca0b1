namespace TypedFga.Typed;

/// <summary>
/// Something that can stand on the user side of a tuple: an object (<c>user:anne</c>),
/// a userset (<c>team:eng#member</c>) or a wildcard (<c>user:*</c>). Implemented by generated code.
/// </summary>
public interface IFgaSubject
{
    /// <summary>The subject in OpenFGA's string form, as sent in a tuple's <c>user</c> field.</summary>
    string Subject { get; }

    /// <summary>
    /// The subject's type, id and relation, whose string form is <see cref="Subject"/>: a check made through the
    /// generated API looks its answer up in the check cache by them, without building the string. Generated subjects
    /// give them; the default, <c>default(FgaSubjectParts)</c>, makes the check use <see cref="Subject"/>.
    /// </summary>
    FgaSubjectParts SubjectParts => default;
}
