namespace TypedFga.Outbox.PostgreSql;

/// <summary>
/// An operation some node appended to the shared outbox, as the database announces it on commit (<c>NOTIFY</c>).
/// </summary>
/// <param name="Sequence">The operation's sequence number.</param>
/// <param name="StoreId">The store it is bound for.</param>
/// <param name="Object">The tuple's object.</param>
/// <param name="Relation">The tuple's relation.</param>
/// <param name="User">The tuple's user.</param>
internal sealed record PostgreSqlOutboxNotification(long Sequence, string StoreId, string Object, string Relation, string User)
{
    /// <summary>The channel appends are announced on.</summary>
    public const string Channel = "typedfga_outbox";

    /// <summary>
    /// The payload announcing that pending operations were dropped or restored other than by an append (a clear, a dead
    /// letter): not a notification of an append, so nodes that know only appends ignore it.
    /// </summary>
    public const string PendingChanged = "pending-changed";

    // Line breaks separate the fields: no store id, object, relation or user OpenFGA accepts contains one.
    private const char Separator = '\n';

    /// <summary>What follows the sequence number in the payload.</summary>
    public static string FormatTail(string storeId, TupleKey tuple) =>
        string.Concat(Separator.ToString(), storeId, Separator.ToString(), tuple.Object, Separator.ToString(), tuple.Relation, Separator.ToString(), tuple.User);

    /// <summary>The notification in <paramref name="payload"/>, or null when it is not one of this library's.</summary>
    public static PostgreSqlOutboxNotification? Parse(string payload)
    {
        var parts = payload.Split(Separator);
        return parts.Length == 5 && long.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var sequence)
            ? new PostgreSqlOutboxNotification(sequence, parts[1], parts[2], parts[3], parts[4])
            : null;
    }
}
