namespace TypedFga.Typed;

/// <summary>The queries of a relation of an object: list users, checks for a batch, read and expand.</summary>
public readonly partial struct FgaRelationTarget
{
    /// <summary>
    /// The users of the kind <typeparamref name="TUser"/> that have the relation on the object, with
    /// <see cref="Consistency"/>.
    /// </summary>
    /// <typeparam name="TUser">A generated object type (<c>User</c>) or userset type (<c>TeamMembers</c>); its filter is sent.</typeparam>
    /// <param name="context">Values for condition parameters that the tuples do not store.</param>
    /// <param name="contextualTuples">Tuples considered for this query only.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <exception cref="FormatException">OpenFGA returned a subject of another kind.</exception>
    public ValueTask<FgaUserList<TUser>> ListUsersAsync<TUser>(
        IReadOnlyDictionary<string, object?>? context,
        IReadOnlyList<TupleKey>? contextualTuples,
        CancellationToken cancellationToken)
        where TUser : struct, IFgaSubjectKind<TUser>
    {
        var query = new ListUsersQuery(Object, Relation, FgaParsedSubject.FilterOf<TUser>(), context, contextualTuples) { Consistency = _consistency };
        return ToUserListAsync<TUser>(Client.ListUsersAsync(query, cancellationToken), _client);
    }

    /// <summary>The check of <paramref name="subject"/> on the relation, not yet asked: one entry of a batch check.</summary>
    /// <typeparam name="TSubject">Any subject type.</typeparam>
    /// <param name="subject">The subject.</param>
    /// <param name="context">Values for condition parameters that the tuples do not store.</param>
    /// <exception cref="ArgumentNullException"><paramref name="subject"/> is null.</exception>
    public FgaCheck For<TSubject>(TSubject subject, IReadOnlyDictionary<string, object?>? context)
        where TSubject : IFgaSubject
    {
        var query = new CheckQuery(SubjectOf(subject), Relation, Object, context) { Consistency = _consistency };
        return new FgaCheck(query, _client);
    }

    /// <summary>The tuples stored directly on the relation of the object, with the operations pending in write-behind marked.</summary>
    /// <typeparam name="TObject">The generated object type of the relation's type.</typeparam>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="FormatException">The target was made from an object string of another type.</exception>
    public IAsyncEnumerable<FgaTuple<TObject>> ReadTuples<TObject>(CancellationToken cancellationToken)
        where TObject : struct, IFgaObject, IFgaSubjectKind<TObject>
    {
        var @object = _type is not null
            ? TObject.FromId(_id, _client)
            : FgaObjectQuery<TObject>.ParseObject(Object, _client);
        return FgaTupleReader.ReadAsync(@object, Relation, _client, _consistency, cancellationToken);
    }

    /// <summary>One level of the userset tree of the relation on the object, with <see cref="Consistency"/>.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    public ValueTask<FgaExpandNode> ExpandAsync(CancellationToken cancellationToken) =>
        Client.ExpandAsync(new ExpandQuery(Object, Relation) { Consistency = _consistency }, cancellationToken);

    private static async ValueTask<FgaUserList<TUser>> ToUserListAsync<TUser>(ValueTask<IReadOnlyList<string>> answer, IFgaClient? client)
        where TUser : struct, IFgaSubjectKind<TUser> =>
        FgaUserList<TUser>.From(await answer.ConfigureAwait(false), client);
}
