using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TypedFga.Backends;
using TypedFga.Validation;

namespace TypedFga.Outbox;

/// <summary>
/// The write-behind outbox in one SQLite file (WAL) on this machine; several processes on the machine may share the
/// file. The zero-setup default.
/// </summary>
/// <remarks>
/// <para>When <see cref="OutboxStore.GrantAsync"/> or <see cref="OutboxStore.RevokeAsync"/> returns, the operation is
/// committed with the configured <see cref="OutboxDurability"/>. Concurrent callers share commits: one transaction
/// holds every operation that arrived while the previous one was committing. Pending operations are not held in
/// memory; the tuples they touch are (<see cref="PendingTuples"/>).</para>
/// </remarks>
public sealed partial class SqliteOutboxStore : OutboxStore
{
    private readonly object _openGate = new();
    private readonly Lock _rebuildGate = new();
    private readonly OutboxConnectionFactory _connections;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly PendingTupleIndex _pendingTuples = new();
    private GroupCommitWriter? _writer;
    private AppendStatements? _appendStatements;
    private LeaseStatements? _leaseStatements;
    private readonly System.Collections.Concurrent.ConcurrentBag<PendingSnapshotReader> _snapshotReaders = [];
    private bool _disposed;

    /// <summary>Creates the store; the file is opened (created and migrated if needed) on first use.</summary>
    /// <param name="path">The outbox file (the application's <c>Fga:WriteBehind:Outbox</c>).</param>
    /// <param name="durability">What an acknowledged operation survives.</param>
    /// <param name="timeProvider">The clock for enqueue times and schedules; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Where the store logs; nothing is logged when null.</param>
    public SqliteOutboxStore(string path, OutboxDurability durability = OutboxDurability.Normal, TimeProvider? timeProvider = null, ILogger<SqliteOutboxStore>? logger = null)
        : base(timeProvider, logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Durability = durability;
        _connections = new OutboxConnectionFactory(System.IO.Path.GetFullPath(path), durability);
        _timeProvider = TimeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The full path of the outbox file.</summary>
    public string Path => _connections.Path;

    /// <summary>What an acknowledged operation survives.</summary>
    public OutboxDurability Durability { get; }

    /// <summary>The full path of the outbox file.</summary>
    public override string Location => Path;

    internal override PendingTupleIndex PendingTuples => _pendingTuples;

    private protected override Task<long> AppendAsync(FgaConnection connection, OutboxOperationKind kind, TupleKey tuple, string? conditionContext, long tupleHash)
    {
        var writer = EnsureOpen();
        var write = new AppendWrite(_appendStatements!, new AppendRequest(connection, kind, tuple, conditionContext, tupleHash, OutboxClock.Now(_timeProvider)));
        writer.Submit(write);
        return write.SequenceTask;
    }

    private protected override ValueTask DisposeCoreAsync()
    {
        DisposeCore();
        return ValueTask.CompletedTask;
    }

    // Waits for running commits and closes the file.
    private protected override void DisposeCore()
    {
        GroupCommitWriter? writer;
        lock (_openGate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            writer = _writer;
        }

        writer?.Dispose();
        while (_snapshotReaders.TryTake(out var reader))
        {
            reader.Dispose();
        }

        _appendStatements?.Dispose();
        _leaseStatements?.Dispose();
    }

    /// <summary>Runs <paramref name="work"/> in the writer's shared transaction.</summary>
    internal Task<T> WriteAsync<T>(Func<OutboxWriteContext, (T Result, long PendingDelta)> work)
    {
        var write = new OutboxWrite<T>(work);
        EnsureOpen().Submit(write);
        return write.TypedTask;
    }

    /// <summary>Opens a pooled read connection with the outbox's pragmas.</summary>
    internal Microsoft.Data.Sqlite.SqliteConnection OpenReadConnection()
    {
        EnsureOpen();
        return _connections.Open();
    }

    // Checks read snapshots often; each reader keeps its connection and prepared statements between them.
    private PendingSnapshotReader RentSnapshotReader()
    {
        EnsureOpen();
        return _snapshotReaders.TryTake(out var reader) ? reader : new PendingSnapshotReader(_connections.Open());
    }

    private void ReturnSnapshotReader(PendingSnapshotReader reader)
    {
        _snapshotReaders.Add(reader);
        if (Volatile.Read(ref _disposed) && _snapshotReaders.TryTake(out var late))
        {
            // Disposed meanwhile: whatever comes back afterwards is closed here.
            late.Dispose();
        }
    }

    private GroupCommitWriter EnsureOpen()
    {
        var writer = Volatile.Read(ref _writer);
        if (writer is not null)
        {
            // Reads open their own connections, so the writer being alive says nothing about the store: check.
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed), this);
            return writer;
        }

        lock (_openGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_writer is not null)
            {
                return _writer;
            }

            _connections.EnsureFile();
            var connection = _connections.Open();
            try
            {
                OutboxConnectionFactory.EnableWriteAheadLog(connection);
                OutboxSchema.Migrate(connection);
                using (var count = connection.CreateCommand())
                {
                    count.CommandText = "SELECT COUNT(*) FROM outbox_operations";
                    ResetPendingEstimate((long)count.ExecuteScalar()!);
                }

                RebuildPendingTuples(connection);
                _appendStatements = new AppendStatements(connection);
                _leaseStatements = new LeaseStatements(connection);
                Volatile.Write(ref _writer, new GroupCommitWriter(connection, OnCommitted));
            }
            catch
            {
                _appendStatements?.Dispose();
                _appendStatements = null;
                _leaseStatements?.Dispose();
                _leaseStatements = null;
                connection.Dispose();
                throw;
            }

            OutboxLog.Opened(_logger, Path, OutboxSchema.CurrentVersion, Durability, PendingEstimate);
            return _writer;
        }
    }

    private void OnCommitted(IReadOnlyList<OutboxWrite> writes, OutboxWriteContext context)
    {
        // Before the callers are released: a check that starts after a grant returned finds it in the index.
        PendingTuples.Add(context.Appended);
        long delta = 0;
        var appended = 0;
        foreach (var write in writes)
        {
            delta += write.PendingDelta;
            appended += write.Appended;
        }

        OnAppended(appended, AddToPendingEstimate(delta));
    }
}
