using Dapper;
using TypedFga.Backends;

namespace TypedFga.Outbox;

public sealed partial class SqliteOutboxStore
{
    /// <summary>True when an operation on this tuple of this store waits in the outbox (in flight included).</summary>
    public override async Task<bool> HasPendingAsync(FgaConnection connection, TupleKey tuple, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(tuple);
        await using var sqlite = OpenReadConnection();
        return await sqlite.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            SELECT EXISTS (SELECT 1 FROM outbox_operations
                           WHERE tuple_hash = @hash AND store_id = @store AND object = @object
                             AND relation = @relation AND subject = @subject)
            """,
            new
            {
                hash = TupleHash.Compute(connection.StoreId, tuple.Object, tuple.Relation, tuple.User),
                store = connection.StoreId,
                @object = tuple.Object,
                relation = tuple.Relation,
                subject = tuple.User,
            },
            cancellationToken: cancellationToken)).ConfigureAwait(false) != 0;
    }

    /// <summary>
    /// The pending operations bound for <paramref name="storeId"/> on the given relations (all relations when
    /// null), oldest first, read in one transaction together with the highest sequence number committed so far.
    /// </summary>
    /// <param name="storeId">The store.</param>
    /// <param name="relations">The relation names to read; null for all.</param>
    /// <param name="upToSequence">
    /// Leave out operations committed after this sequence number (a snapshot taken earlier); null for everything
    /// committed now.
    /// </param>
    /// <param name="limit">The most operations read; beyond it the snapshot says it is not complete.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public override Task<PendingSnapshot> GetPendingSnapshotAsync(
        string storeId, IReadOnlyCollection<string>? relations, long? upToSequence, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(storeId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        cancellationToken.ThrowIfCancellationRequested();
        var relationsJson = relations is null ? null : ToJsonArray(relations);
        var reader = RentSnapshotReader();
        try
        {
            return Task.FromResult(reader.Read(storeId, relationsJson, upToSequence, limit, OutboxClock.Now(_timeProvider)));
        }
        catch
        {
            // A reader that failed mid-statement is not trusted again.
            reader.Dispose();
            reader = null;
            throw;
        }
        finally
        {
            if (reader is not null)
            {
                ReturnSnapshotReader(reader);
            }
        }
    }

    private static string ToJsonArray(IEnumerable<string> values)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
