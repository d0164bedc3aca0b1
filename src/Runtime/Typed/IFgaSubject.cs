namespace TypedFga.Typed;

/// <summary>
/// Something that can stand on the user side of a tuple: an object (<c>user:anne</c>),
/// a userset (<c>team:eng#member</c>) or a wildcard (<c>user:*</c>). Implemented by generated code.
/// </summary>
public interface IFgaSubject
{
    /// <summary>The subject in OpenFGA's string form, as sent in a tuple's <c>user</c> field.</summary>
    string Subject { get; }
}
