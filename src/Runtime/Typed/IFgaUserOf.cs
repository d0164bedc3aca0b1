namespace TypedFga.Typed;

/// <summary>
/// A generated user kind (an object type such as <c>User</c>, or a userset type such as <c>TeamMembers</c>) that the
/// model can relate to <typeparamref name="TRelation"/>, directly or through its rewrite: what the relation's
/// <c>Users&lt;TUser&gt;()</c> accepts, so a list-users query the model cannot answer fails to compile.
/// Implemented by generated code.
/// </summary>
/// <typeparam name="TRelation">The generated relation type, for example <c>DocumentCanEdit</c>.</typeparam>
public interface IFgaUserOf<TRelation> : IFgaSubject
{
}
