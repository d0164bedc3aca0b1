using TypedFga.Flushing;

namespace TypedFga.Hosting;

/// <summary>
/// A write-behind grant or revoke was made on a relation the model marks <c># @critical</c> while
/// <c>Fga:WriteBehind:CriticalRelations</c> is <see cref="CriticalRelationPolicy.Reject"/>. Nothing was written.
/// </summary>
public sealed class FgaCriticalRelationException : InvalidOperationException
{
    /// <summary>Creates the exception for <paramref name="tuple"/>.</summary>
    public FgaCriticalRelationException(TupleKey tuple)
        : base($"{TupleParts.TypeOf((tuple ?? throw new ArgumentNullException(nameof(tuple))).Object)}#{tuple.Relation} is marked # @critical and " +
            $"{WriteBehindOptions.SectionName}:CriticalRelations is Reject: write it through with GrantNow/RevokeNow (WriteMode.Immediate). Nothing was written for {tuple}.")
    {
        Tuple = tuple;
    }

    /// <summary>The tuple that was refused.</summary>
    public TupleKey Tuple { get; }

    /// <summary>The critical relation, as <c>type#relation</c>.</summary>
    public string Relation => TupleParts.TypeOf(Tuple.Object) + "#" + Tuple.Relation;
}
