namespace TypedFga.Typed;

/// <summary>
/// One relation of one object (<c>document:roadmap#editor</c>) and the client its calls go to. Generated relation
/// structs such as <c>DocumentEditors</c> wrap it and forward their typed <c>Grant</c>, <c>GrantNow</c>, <c>Revoke</c>,
/// <c>RevokeNow</c> and <c>Check</c> overloads, and their queries (<see cref="ListUsersAsync"/>, <see cref="For"/>,
/// <see cref="ReadTuples"/>, <see cref="ExpandAsync"/>), here in one line each, so that large models generate little code.
/// </summary>
/// <remarks>
/// Made from the object's type and id, the target builds the object's string only when a call needs it: a check
/// answered from the check cache builds none.
/// </remarks>
public readonly partial struct FgaRelationTarget
{
    private readonly string? _type;
    private readonly FgaId _id;
    private readonly string? _object;
    private readonly string? _relation;
    private readonly IFgaClient? _client;
    private readonly FgaConsistency _consistency;

    /// <summary>Creates the target.</summary>
    /// <param name="object">The object, as <c>type:id</c>.</param>
    /// <param name="relation">The relation's name in the model.</param>
    /// <param name="client">The client bound with <c>Fga.Using(client)</c>, or null to use <see cref="FgaClientContext.Current"/> at call time.</param>
    public FgaRelationTarget(string @object, string relation, IFgaClient? client)
    {
        ArgumentNullException.ThrowIfNull(@object);
        ArgumentNullException.ThrowIfNull(relation);
        _object = @object;
        _relation = relation;
        _client = client;
    }

    /// <summary>Creates the target from the object's type and id.</summary>
    /// <param name="type">The object's type in the model.</param>
    /// <param name="id">The object's id.</param>
    /// <param name="relation">The relation's name in the model.</param>
    /// <param name="client">The client bound with <c>Fga.Using(client)</c>, or null to use <see cref="FgaClientContext.Current"/> at call time.</param>
    /// <exception cref="InvalidOperationException"><paramref name="id"/> is <c>default</c>: the object was not made by a factory.</exception>
    public FgaRelationTarget(string type, FgaId id, string relation, IFgaClient? client)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(relation);
        if (id.IsDefault)
        {
            throw FgaObjectId.NotInitialized(type);
        }

        _type = type;
        _id = id;
        _relation = relation;
        _client = client;
    }

    /// <summary>The object, as <c>type:id</c>.</summary>
    /// <exception cref="InvalidOperationException">The value is <c>default</c>.</exception>
    public string Object => _object ?? (_type is null ? throw FgaObjectId.NotInitialized("relation") : _type + ":" + _id.ToString());

    /// <summary>The relation's name.</summary>
    /// <exception cref="InvalidOperationException">The value is <c>default</c>.</exception>
    public string Relation => _relation ?? throw FgaObjectId.NotInitialized("relation");

    /// <summary>The relation of the object as a userset subject: <c>type:id#relation</c>.</summary>
    public string Userset => Object + "#" + Relation;

    /// <summary>
    /// The parts of <see cref="Userset"/>, for a generated userset subject's <see cref="IFgaSubject.SubjectParts"/>;
    /// <c>default</c> when the target was made from an object string.
    /// </summary>
    public FgaSubjectParts UsersetParts => _type is null ? default : new FgaSubjectParts(_type, _id, _relation);

    /// <summary>The client calls go to: the bound one, else the current one.</summary>
    public IFgaClient Client => _client ?? FgaClientContext.Current;

    /// <summary>How fresh the answers of <see cref="CheckAsync"/> and the queries must be; <see cref="FgaConsistency.MinimizeLatency"/> unless set by <see cref="WithConsistency"/>.</summary>
    public FgaConsistency Consistency => _consistency;

    /// <summary>The same target, its checks and queries asked with <paramref name="consistency"/>.</summary>
    /// <param name="consistency">How fresh the answers must be.</param>
    public FgaRelationTarget WithConsistency(FgaConsistency consistency) => new(this, consistency);

    private FgaRelationTarget(in FgaRelationTarget target, FgaConsistency consistency)
    {
        this = target;
        _consistency = consistency;
    }

    /// <summary>Writes the tuple <c>subject</c> - relation - object.</summary>
    /// <param name="subject">The subject in OpenFGA's string form.</param>
    /// <param name="condition">The condition to write the tuple with, if any.</param>
    /// <param name="mode">Write-behind or write-through.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public ValueTask GrantAsync(string subject, RelationshipCondition? condition, WriteMode mode, CancellationToken cancellationToken)
    {
        var tuple = new TupleKey(subject, Relation, Object, condition);
        return Client.GrantAsync(tuple, mode, cancellationToken);
    }

    /// <summary>Deletes the tuple <c>subject</c> - relation - object, whatever its condition.</summary>
    /// <param name="subject">The subject in OpenFGA's string form.</param>
    /// <param name="mode">Write-behind or write-through.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public ValueTask RevokeAsync(string subject, WriteMode mode, CancellationToken cancellationToken)
    {
        var tuple = new TupleKey(subject, Relation, Object);
        return Client.RevokeAsync(tuple, mode, cancellationToken);
    }

    /// <summary>Grants the relation to <paramref name="subject"/> with <see cref="WriteMode.Default"/> (write-behind when enabled).</summary>
    /// <typeparam name="TSubject">The generated subject type the relation's type restriction allows.</typeparam>
    /// <param name="subject">The subject.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public ValueTask Grant<TSubject>(TSubject subject, CancellationToken cancellationToken)
        where TSubject : IFgaSubject => GrantAsync(SubjectOf(subject), null, WriteMode.Default, cancellationToken);

    /// <summary>Grants the relation to <paramref name="subject"/> with a condition, with <see cref="WriteMode.Default"/>.</summary>
    /// <typeparam name="TSubject">The generated subject type the relation's type restriction allows.</typeparam>
    /// <param name="subject">The subject.</param>
    /// <param name="condition">The condition the tuple is written with.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public ValueTask Grant<TSubject>(TSubject subject, RelationshipCondition condition, CancellationToken cancellationToken)
        where TSubject : IFgaSubject => GrantAsync(SubjectOf(subject), condition, WriteMode.Default, cancellationToken);

    /// <summary>Grants the relation to <paramref name="subject"/>, written through to OpenFGA (<see cref="WriteMode.Immediate"/>).</summary>
    /// <typeparam name="TSubject">The generated subject type the relation's type restriction allows.</typeparam>
    /// <param name="subject">The subject.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public ValueTask GrantNow<TSubject>(TSubject subject, CancellationToken cancellationToken)
        where TSubject : IFgaSubject => GrantAsync(SubjectOf(subject), null, WriteMode.Immediate, cancellationToken);

    /// <summary>Grants the relation to <paramref name="subject"/> with a condition, written through to OpenFGA.</summary>
    /// <typeparam name="TSubject">The generated subject type the relation's type restriction allows.</typeparam>
    /// <param name="subject">The subject.</param>
    /// <param name="condition">The condition the tuple is written with.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public ValueTask GrantNow<TSubject>(TSubject subject, RelationshipCondition condition, CancellationToken cancellationToken)
        where TSubject : IFgaSubject => GrantAsync(SubjectOf(subject), condition, WriteMode.Immediate, cancellationToken);

    /// <summary>Revokes the relation from <paramref name="subject"/>, whatever its condition, with <see cref="WriteMode.Default"/>.</summary>
    /// <typeparam name="TSubject">The generated subject type the relation's type restriction allows.</typeparam>
    /// <param name="subject">The subject.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public ValueTask Revoke<TSubject>(TSubject subject, CancellationToken cancellationToken)
        where TSubject : IFgaSubject => RevokeAsync(SubjectOf(subject), WriteMode.Default, cancellationToken);

    /// <summary>Revokes the relation from <paramref name="subject"/>, whatever its condition, written through to OpenFGA.</summary>
    /// <typeparam name="TSubject">The generated subject type the relation's type restriction allows.</typeparam>
    /// <param name="subject">The subject.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public ValueTask RevokeNow<TSubject>(TSubject subject, CancellationToken cancellationToken)
        where TSubject : IFgaSubject => RevokeAsync(SubjectOf(subject), WriteMode.Immediate, cancellationToken);

    /// <summary>Checks whether <paramref name="subject"/> has the relation on the object, with <see cref="Consistency"/>.</summary>
    /// <typeparam name="TSubject">Any subject type.</typeparam>
    /// <param name="subject">The subject.</param>
    /// <param name="context">Values for condition parameters that the tuples do not store.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <exception cref="ArgumentNullException"><paramref name="subject"/> is null.</exception>
    public ValueTask<bool> CheckAsync<TSubject>(TSubject subject, IReadOnlyDictionary<string, object?>? context, CancellationToken cancellationToken)
        where TSubject : IFgaSubject
    {
        // Tested for structs too, `subject is null` boxes the subject in code the JIT does not optimize (Debug builds).
        if (!typeof(TSubject).IsValueType && subject is null)
        {
            throw new ArgumentNullException(nameof(subject));
        }

        var client = Client;
        // Without a context, and with the runtime's client, the check goes in parts: a cached answer then costs no
        // strings. A generated subject is a struct, so reading its parts through the constraint does not box it.
        if (_type is not null && context is null or { Count: 0 } && client is ICheckByParts byParts)
        {
            var subjectParts = subject.SubjectParts;
            if (subjectParts.IsComplete)
            {
                var check = new CheckParts(_type, _id, _relation!, subjectParts);
                return byParts.CheckAsync(in check, _consistency, cancellationToken);
            }
        }

        var query = new CheckQuery(subject.Subject, Relation, Object, context) { Consistency = _consistency };
        return client.CheckAsync(query, cancellationToken);
    }

    // Generated subjects are structs, so the generic parameter keeps them unboxed; a null can only come from a reference type.
    private static string SubjectOf<TSubject>(TSubject subject)
        where TSubject : IFgaSubject =>
        subject is null ? throw new ArgumentNullException(nameof(subject)) : subject.Subject;

    /// <summary>The relation of the object, <c>type:id#relation</c>.</summary>
    public override string ToString() => (_object ?? (_type is null ? null : _type + ":" + _id.ToString())) + "#" + _relation;
}
