using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TypedFga.Backends;
using TypedFga.Flushing;
using TypedFga.Validation;

namespace TypedFga.Outbox;

/// <summary>
/// The durable write-behind outbox: one SQLite file (WAL) that holds pending grants and revokes until a
/// flusher has sent them, and the dead letters that could not be sent. Several processes may share the file.
/// </summary>
/// <remarks>
/// <para>When <see cref="GrantAsync"/> or <see cref="RevokeAsync"/> returns, the operation is committed with the
/// configured <see cref="OutboxDurability"/>. Concurrent callers share commits: one transaction holds every
/// operation that arrived while the previous one was committing.</para>
/// <para>Per tuple the last operation wins: a new operation replaces a pending one on the same tuple (unless that
/// one is being sent right now, in which case the new one waits for the next flush) and removes a dead letter on
/// the same tuple. Pending operations are not held in memory.</para>
/// </remarks>
public sealed partial class OutboxStore : IDisposable
{
    private readonly object _openGate = new();
    private readonly Lock _rebuildGate = new();
    private readonly OutboxConnectionFactory _connections;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private GroupCommitWriter? _writer;
    private AppendStatements? _appendStatements;
    private LeaseStatements? _leaseStatements;
    private readonly System.Collections.Concurrent.ConcurrentBag<PendingSnapshotReader> _snapshotReaders = [];
    private long _pendingEstimate;
    private bool _disposed;

    /// <summary>The tuples with pending operations, in memory: what checks consult before reading the file.</summary>
    internal PendingTupleIndex PendingTuples { get; } = new();

    /// <summary>Creates the store; the file is opened (created and migrated if needed) on first use.</summary>
    /// <param name="options">The write-behind settings: <see cref="WriteBehindOptions.Outbox"/> and <see cref="WriteBehindOptions.Durability"/>.</param>
    /// <param name="timeProvider">The clock for enqueue times and schedules; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Where the store logs; nothing is logged when null.</param>
    public OutboxStore(IOptions<WriteBehindOptions> options, TimeProvider? timeProvider = null, ILogger<OutboxStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        Durability = settings.Durability;
        _connections = new OutboxConnectionFactory(settings.ResolveOutboxPath(), settings.Durability);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The full path of the outbox file.</summary>
    public string Path => _connections.Path;

    /// <summary>What an acknowledged operation survives.</summary>
    public OutboxDurability Durability { get; }

    /// <summary>
    /// This process's running estimate of the pending operations (see <see cref="OutboxAppendedEventArgs.PendingEstimate"/>).
    /// Cheap to read; meant for triggers such as "flush when the batch size is reached".
    /// </summary>
    public long PendingEstimate => Interlocked.Read(ref _pendingEstimate);

    /// <summary>
    /// Raised after each commit that appended operations, on the thread that committed. Handlers must be quick
    /// and must not call back into the store synchronously; start a flush on another task instead.
    /// </summary>
    public event EventHandler<OutboxAppendedEventArgs>? Appended;

    internal TimeProvider TimeProvider => _timeProvider;

    /// <summary>Stores a grant (a write of <paramref name="tuple"/>) durably and returns its sequence number.</summary>
    /// <exception cref="ArgumentException">The tuple breaks OpenFGA's rules; nothing was stored.</exception>
    public Task<long> GrantAsync(FgaConnection connection, TupleKey tuple, CancellationToken cancellationToken = default) =>
        EnqueueAsync(connection, OutboxOperationKind.Grant, tuple, cancellationToken);

    /// <summary>Stores a revoke (a delete of <paramref name="tuple"/>) durably and returns its sequence number.</summary>
    /// <exception cref="ArgumentException">The tuple breaks OpenFGA's rules; nothing was stored.</exception>
    public Task<long> RevokeAsync(FgaConnection connection, TupleKey tuple, CancellationToken cancellationToken = default) =>
        EnqueueAsync(connection, OutboxOperationKind.Revoke, tuple, cancellationToken);

    /// <summary>
    /// Validates and stores one operation. The returned task completes once the operation is committed; it
    /// cannot be cancelled after it has been queued for the commit.
    /// </summary>
    /// <exception cref="ArgumentException">The tuple or the connection is not valid; nothing was stored.</exception>
    public Task<long> EnqueueAsync(FgaConnection connection, OutboxOperationKind kind, TupleKey tuple, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (string.IsNullOrWhiteSpace(connection.StoreId))
        {
            throw new ArgumentException($"The connection '{connection.Name}' has no store id.", nameof(connection));
        }

        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "The operation must be a Grant or a Revoke.");
        }

        TupleValidator.Validate(tuple, nameof(tuple));
        var context = ConditionContextJson.Serialize(tuple.Condition?.Context, nameof(tuple));
        cancellationToken.ThrowIfCancellationRequested();

        var writer = EnsureOpen();
        var request = new AppendRequest(
            connection,
            kind,
            tuple,
            context,
            TupleHash.Compute(connection.StoreId, tuple.Object, tuple.Relation, tuple.User),
            OutboxClock.Now(_timeProvider));
        var write = new AppendWrite(_appendStatements!, request);
        writer.Submit(write);
        return write.SequenceTask;
    }

    /// <summary>Waits for running commits and closes the file. Pending operations stay in it.</summary>
    public void Dispose()
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
                    _pendingEstimate = (long)count.ExecuteScalar()!;
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

            OutboxLog.Opened(_logger, Path, OutboxSchema.CurrentVersion, Durability, _pendingEstimate);
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

        var pending = Interlocked.Add(ref _pendingEstimate, delta);
        if (appended == 0 || Appended is not { } handler)
        {
            return;
        }

        try
        {
            handler(this, new OutboxAppendedEventArgs(appended, pending));
        }
        catch (Exception exception)
        {
            OutboxLog.AppendedHandlerFailed(_logger, exception);
        }
    }
}
