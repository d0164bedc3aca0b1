using Npgsql;

namespace TypedFga.Outbox.PostgreSql;

internal sealed partial class PostgreSqlOutboxStore
{
    /// <summary>What every node has pending, by kind.</summary>
    public async Task<PendingCount> GetPendingCountAsync(CancellationToken cancellationToken = default)
    {
        await using var database = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FILTER (WHERE kind = $1), count(*) FILTER (WHERE kind = $2) FROM typedfga_outbox_operations", database);
        command.Parameters.Add(new NpgsqlParameter { Value = (short)OutboxOperationKind.Grant });
        command.Parameters.Add(new NpgsqlParameter { Value = (short)OutboxOperationKind.Revoke });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new PendingCount(reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>The highest sequence number committed so far, by any node; 0 when none was.</summary>
    public async Task<long> GetHighestSequenceAsync(CancellationToken cancellationToken = default)
    {
        await using var database = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "SELECT GREATEST(COALESCE((SELECT max(seq) FROM typedfga_outbox_operations), 0), COALESCE((SELECT max(seq) FROM typedfga_outbox_dead_letters), 0))",
            database);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
