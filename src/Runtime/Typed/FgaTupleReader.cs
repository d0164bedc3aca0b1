using System.Runtime.CompilerServices;

namespace TypedFga.Typed;

/// <summary>Reads the tuples of one object, or of one relation of it, as <see cref="FgaTuple{TObject}"/> values.</summary>
public static class FgaTupleReader
{
    /// <summary>The tuples stored directly on <paramref name="object"/> (and <paramref name="relation"/>, if given), with pending operations marked.</summary>
    /// <typeparam name="TObject">The generated object type.</typeparam>
    /// <param name="object">The object.</param>
    /// <param name="relation">The relation, or null for all of the object's relations.</param>
    /// <param name="client">The client bound with <c>Fga.Using(client)</c>, or null to use <see cref="FgaClientContext.Current"/>.</param>
    /// <param name="consistency">How fresh the answer must be.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="InvalidOperationException"><paramref name="object"/> is <c>default</c>.</exception>
    public static IAsyncEnumerable<FgaTuple<TObject>> ReadAsync<TObject>(
        TObject @object,
        string? relation,
        IFgaClient? client,
        FgaConsistency consistency,
        CancellationToken cancellationToken)
        where TObject : struct, IFgaObject
    {
        // Subject throws for a default object: at the call, not at the first MoveNextAsync.
        var query = new ReadQuery(@object.Subject, relation) { Consistency = consistency };
        return ReadTuplesAsync(@object, query, client, cancellationToken);
    }

    private static async IAsyncEnumerable<FgaTuple<TObject>> ReadTuplesAsync<TObject>(
        TObject @object,
        ReadQuery query,
        IFgaClient? client,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where TObject : struct, IFgaObject
    {
        var target = client ?? FgaClientContext.Current;
        await foreach (var record in target.ReadAsync(query, cancellationToken).ConfigureAwait(false))
        {
            var tuple = record.Tuple;
            yield return new FgaTuple<TObject>(
                @object, tuple.Relation, FgaParsedSubject.Parse(tuple.User), tuple.Condition, record.State, record.WrittenAt);
        }
    }
}
