namespace TypedFga.Typed;

/// <summary>
/// A generated subject type that the type restriction of <typeparamref name="TRelation"/> lists, with or without a
/// condition: what the relation's <c>Revoke</c> and <c>RevokeNow</c> accept. Implemented by generated code.
/// </summary>
/// <typeparam name="TRelation">The generated relation type, for example <c>DocumentEditors</c>.</typeparam>
public interface IFgaSubjectOf<TRelation> : IFgaSubject
{
}

/// <summary>
/// A generated subject type that the type restriction of <typeparamref name="TRelation"/> lists without a condition
/// (<c>[user]</c>): what the relation's <c>Grant(subject)</c> and <c>GrantNow(subject)</c> accept, so a subject the
/// model does not allow fails to compile. Implemented by generated code.
/// </summary>
/// <typeparam name="TRelation">The generated relation type, for example <c>DocumentEditors</c>.</typeparam>
public interface IFgaGrantableTo<TRelation> : IFgaSubjectOf<TRelation>
{
}

/// <summary>
/// A generated subject type that the type restriction of <typeparamref name="TRelation"/> lists with the condition
/// <typeparamref name="TCondition"/> (<c>[user with non_expired]</c>): what the relation's
/// <c>Grant(subject, condition)</c> and <c>GrantNow(subject, condition)</c> accept. Implemented by generated code.
/// </summary>
/// <typeparam name="TRelation">The generated relation type, for example <c>DocumentViewers</c>.</typeparam>
/// <typeparam name="TCondition">The generated condition type, for example <c>NonExpiredCondition</c>.</typeparam>
public interface IFgaGrantableTo<TRelation, TCondition> : IFgaSubjectOf<TRelation>
{
}
