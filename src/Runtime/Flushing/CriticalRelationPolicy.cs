namespace TypedFga.Flushing;

/// <summary>
/// What a write-behind grant or revoke (<see cref="WriteMode.Default"/>) does on a relation the model marks
/// <c># @critical</c> (<c>Fga:WriteBehind:CriticalRelations</c>).
/// </summary>
public enum CriticalRelationPolicy
{
    /// <summary>The default: written through to OpenFGA before the call returns, as <c>GrantNow</c> would.</summary>
    WriteThrough = 0,

    /// <summary>Buffered in the outbox like any other relation (the model's marking is only a build warning).</summary>
    Buffer = 1,

    /// <summary>
    /// Refused with <see cref="Hosting.FgaCriticalRelationException"/>, which names the relation: code must write
    /// critical relations with <c>GrantNow</c>/<c>RevokeNow</c> (<see cref="WriteMode.Immediate"/>).
    /// </summary>
    Reject = 2,
}
