namespace TypedFga.Caching;

/// <summary>The tuples with pending operations that one check may take into account, as the relevance walk asks for them.</summary>
internal interface IPendingTuples
{
    /// <summary>The users of the pending tuples on exactly <paramref name="object"/>#<paramref name="relation"/>.</summary>
    IReadOnlyList<string> UsersOn(string @object, string relation);

    /// <summary>True when a tuple of any object of <paramref name="type"/>#<paramref name="relation"/> may be pending.</summary>
    bool AnyOn(string type, string relation);

    /// <summary>Every pending tuple of <paramref name="type"/>#<paramref name="relation"/>, whatever its object.</summary>
    IEnumerable<(string Object, string User)> TuplesOf(string type, string relation);
}
