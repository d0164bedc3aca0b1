namespace TypedFga.Outbox;

/// <summary>
/// A stable 64-bit FNV-1a hash of a tuple's identity (store, object, relation, user), indexed so that the
/// operations on one tuple are found quickly. The columns are always compared too; the hash only narrows.
/// </summary>
internal static class TupleHash
{
    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    public static long Compute(string storeId, string @object, string relation, string user)
    {
        var hash = OffsetBasis;
        hash = Mix(hash, storeId);
        hash = Mix(hash, @object);
        hash = Mix(hash, relation);
        hash = Mix(hash, user);
        return unchecked((long)hash);
    }

    private static ulong Mix(ulong hash, string value)
    {
        foreach (var c in value)
        {
            hash = unchecked((hash ^ c) * Prime);
        }

        // A separator, so that ("ab", "c") and ("a", "bc") differ.
        return unchecked((hash ^ 0xFFFF) * Prime);
    }
}
