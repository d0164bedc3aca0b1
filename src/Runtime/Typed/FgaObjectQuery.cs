using System.Runtime.CompilerServices;

namespace TypedFga.Typed;

/// <summary>
/// List objects for one object type (<c>Fga.Documents</c>): the objects of the type on which a subject has a relation,
/// as generated values bound to the same client. The generated <c>DocumentSet</c> wraps it and forwards its
/// <c>WhereCanView</c> and <c>StreamWhereCanView</c> methods here in one line each.
/// </summary>
/// <typeparam name="TObject">The generated object type, for example <c>Document</c>.</typeparam>
public readonly struct FgaObjectQuery<TObject>
    where TObject : struct, IFgaObject, IFgaSubjectKind<TObject>
{
    private readonly IFgaClient? _client;
    private readonly FgaConsistency _consistency;

    /// <summary>Creates the query.</summary>
    /// <param name="client">The client bound with <c>Fga.Using(client)</c>, or null to use <see cref="FgaClientContext.Current"/> at call time.</param>
    public FgaObjectQuery(IFgaClient? client)
    {
        _client = client;
    }

    private FgaObjectQuery(IFgaClient? client, FgaConsistency consistency)
    {
        _client = client;
        _consistency = consistency;
    }

    /// <summary>How fresh the answers must be; <see cref="FgaConsistency.MinimizeLatency"/> unless set by <see cref="WithConsistency"/>.</summary>
    public FgaConsistency Consistency => _consistency;

    /// <summary>The same query, asked with <paramref name="consistency"/>.</summary>
    /// <param name="consistency">How fresh the answers must be.</param>
    public FgaObjectQuery<TObject> WithConsistency(FgaConsistency consistency) => new(_client, consistency);

    /// <summary>The objects on which <paramref name="subject"/> has <paramref name="relation"/>, at most the server's limit, in no order.</summary>
    /// <typeparam name="TSubject">Any subject type.</typeparam>
    /// <param name="relation">The relation's name in the model.</param>
    /// <param name="subject">The subject.</param>
    /// <param name="context">Values for condition parameters that the tuples do not store.</param>
    /// <param name="contextualTuples">Tuples considered for this query only.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <exception cref="ArgumentNullException"><paramref name="subject"/> is null.</exception>
    /// <exception cref="FormatException">OpenFGA returned an object of another type.</exception>
    public ValueTask<IReadOnlyList<TObject>> ListAsync<TSubject>(
        string relation,
        TSubject subject,
        IReadOnlyDictionary<string, object?>? context,
        IReadOnlyList<TupleKey>? contextualTuples,
        CancellationToken cancellationToken)
        where TSubject : IFgaSubject
    {
        var query = Query(relation, subject, context, contextualTuples);
        return ToObjectsAsync(Client.ListObjectsAsync(query, cancellationToken), _client);
    }

    /// <summary>The objects of <see cref="ListAsync"/>, streamed as the server finds them, without its result limit.</summary>
    /// <typeparam name="TSubject">Any subject type.</typeparam>
    /// <param name="relation">The relation's name in the model.</param>
    /// <param name="subject">The subject.</param>
    /// <param name="context">Values for condition parameters that the tuples do not store.</param>
    /// <param name="contextualTuples">Tuples considered for this query only.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <exception cref="ArgumentNullException"><paramref name="subject"/> is null.</exception>
    /// <exception cref="FormatException">OpenFGA returned an object of another type.</exception>
    public IAsyncEnumerable<TObject> StreamAsync<TSubject>(
        string relation,
        TSubject subject,
        IReadOnlyDictionary<string, object?>? context,
        IReadOnlyList<TupleKey>? contextualTuples,
        CancellationToken cancellationToken)
        where TSubject : IFgaSubject
    {
        // Built here rather than in the iterator, so a null subject fails at the call, not at the first MoveNextAsync.
        var query = Query(relation, subject, context, contextualTuples);
        return StreamObjectsAsync(_client, query, cancellationToken);
    }

    /// <summary>The object <paramref name="value"/> (<c>document:roadmap</c>) names, bound to <paramref name="client"/>.</summary>
    /// <param name="value">An object as OpenFGA writes it.</param>
    /// <param name="client">The client the object's calls go to; null for the current one at call time.</param>
    /// <exception cref="FormatException"><paramref name="value"/> is not an object of <typeparamref name="TObject"/>'s type.</exception>
    public static TObject ParseObject(string value, IFgaClient? client)
    {
        // The id is taken as returned: OpenFGA only returns ids it accepted, and checking each again costs a scan.
        var type = TObject.SubjectType;
        if (value is null
            || value.Length <= type.Length + 1
            || value[type.Length] != ':'
            || !value.StartsWith(type, StringComparison.Ordinal)
            || value.IndexOf('#', type.Length + 1) >= 0)
        {
            throw new FormatException($"OpenFGA returned '{value}' where a '{type}' object (type:id) was expected.");
        }

        return TObject.FromId(FgaId.From(value[(type.Length + 1)..]), client);
    }

    private IFgaClient Client => _client ?? FgaClientContext.Current;

    private ListObjectsQuery Query<TSubject>(string relation, TSubject subject, IReadOnlyDictionary<string, object?>? context, IReadOnlyList<TupleKey>? contextualTuples)
        where TSubject : IFgaSubject
    {
        ArgumentNullException.ThrowIfNull(relation);
        if (!typeof(TSubject).IsValueType && subject is null)
        {
            throw new ArgumentNullException(nameof(subject));
        }

        return new ListObjectsQuery(TObject.SubjectType, relation, subject.Subject, context, contextualTuples) { Consistency = _consistency };
    }

    private static async ValueTask<IReadOnlyList<TObject>> ToObjectsAsync(ValueTask<IReadOnlyList<string>> answer, IFgaClient? client)
    {
        var values = await answer.ConfigureAwait(false);
        var objects = new TObject[values.Count];
        for (var i = 0; i < objects.Length; i++)
        {
            objects[i] = ParseObject(values[i], client);
        }

        return objects;
    }

    private static async IAsyncEnumerable<TObject> StreamObjectsAsync(
        IFgaClient? client,
        ListObjectsQuery query,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var target = client ?? FgaClientContext.Current;
        await foreach (var value in target.StreamListObjectsAsync(query, cancellationToken).ConfigureAwait(false))
        {
            yield return ParseObject(value, client);
        }
    }
}
