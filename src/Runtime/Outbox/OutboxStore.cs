using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TypedFga.Backends;
using TypedFga.Validation;

namespace TypedFga.Outbox;

/// <summary>
/// The durable write-behind outbox: pending grants and revokes, held until a flusher has sent them, and the dead
/// letters that could not be sent. <see cref="SqliteOutboxStore"/> keeps them in a file on this machine;
/// <c>PostgreSqlOutboxStore</c> (package <c>TypedFga.PostgreSql</c>) in a database that many application nodes share.
/// </summary>
/// <remarks>
/// <para>When <see cref="GrantAsync"/> or <see cref="RevokeAsync"/> returns, the operation is committed. Per tuple the
/// last operation wins: a new operation replaces a pending one on the same tuple (unless that one is being sent right
/// now, in which case the new one waits for the next flush) and removes a dead letter on the same tuple.</para>
/// </remarks>
public abstract class OutboxStore : IDisposable, IAsyncDisposable
{
    private readonly ILogger _logger;
    private long _pendingEstimate;

    private protected OutboxStore(TimeProvider? timeProvider, ILogger? logger)
    {
        TimeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// This process's running estimate of the pending operations (see <see cref="OutboxAppendedEventArgs.PendingEstimate"/>).
    /// Cheap to read; meant for triggers such as "flush when the batch size is reached".
    /// </summary>
    public long PendingEstimate => Interlocked.Read(ref _pendingEstimate);

    /// <summary>
    /// Raised after each commit of this process that appended operations, on the thread that committed. Handlers must
    /// be quick and must not call back into the store synchronously; start a flush on another task instead.
    /// </summary>
    public event EventHandler<OutboxAppendedEventArgs>? Appended;

    /// <summary>Where the operations are kept, for logs and messages: a file path, or a database.</summary>
    public abstract string Location { get; }

    internal TimeProvider TimeProvider { get; }

    /// <summary>
    /// The tuples with pending operations, in memory: what checks consult before reading the outbox; null when other
    /// nodes append to the outbox without this process learning of it, so that checks always read the outbox.
    /// </summary>
    internal abstract PendingTupleIndex? PendingTuples { get; }

    /// <summary>
    /// Raised for each operation any node appends, when the outbox is shared and announces them (this node's own
    /// included): what keeps every node's check cache in step with writes made elsewhere.
    /// </summary>
    internal event Action<string, TupleKey>? AppendedOnAnyNode;

    /// <summary>
    /// Raised after pending operations were dropped or restored other than by a grant, a revoke or a flush that sent
    /// them: a clear, an operation moved to the dead letters, dead letters retried; on a shared outbox, by any node. A
    /// check answered while they were pending (or not yet back) may no longer hold, so the check cache forgets what it
    /// remembers.
    /// </summary>
    internal event Action? PendingChangedOutsideWrites;

    /// <summary>
    /// False only when nothing can be pending that a check must reflect: this process counts nothing pending and no
    /// other node appends without its knowing.
    /// </summary>
    internal bool MayHavePending => PendingTuples is null || PendingEstimate != 0;

    /// <summary>
    /// The highest sequence number a check that begins now must take into account: what this process has acknowledged,
    /// or, on a shared outbox, <see cref="long.MaxValue"/>: whatever is committed when the outbox is read, since every
    /// operation acknowledged anywhere before the check began is committed by then.
    /// </summary>
    internal long ReadYourWritesWatermark => PendingTuples?.Watermark ?? long.MaxValue;

    /// <summary>Stores a grant (a write of <paramref name="tuple"/>) durably and returns its sequence number.</summary>
    /// <exception cref="ArgumentException">The tuple breaks OpenFGA's rules; nothing was stored.</exception>
    public Task<long> GrantAsync(FgaConnection connection, TupleKey tuple, CancellationToken cancellationToken = default) =>
        EnqueueAsync(connection, OutboxOperationKind.Grant, tuple, cancellationToken);

    /// <summary>Stores a revoke (a delete of <paramref name="tuple"/>) durably and returns its sequence number.</summary>
    /// <exception cref="ArgumentException">The tuple breaks OpenFGA's rules; nothing was stored.</exception>
    public Task<long> RevokeAsync(FgaConnection connection, TupleKey tuple, CancellationToken cancellationToken = default) =>
        EnqueueAsync(connection, OutboxOperationKind.Revoke, tuple, cancellationToken);

    /// <summary>
    /// Validates and stores one operation. The returned task completes once the operation is committed; it cannot be
    /// cancelled after it has been queued for the commit.
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
        return AppendAsync(connection, kind, tuple, context, TupleHash.Compute(connection.StoreId, tuple.Object, tuple.Relation, tuple.User));
    }

    /// <summary>Counts the pending operations (in flight included), read from the outbox.</summary>
    public abstract Task<PendingCount> GetPendingCountAsync(CancellationToken cancellationToken = default);

    /// <summary>Lists pending operations in the order they were enqueued (in flight included).</summary>
    /// <param name="limit">The most operations to return, oldest first.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public abstract Task<IReadOnlyList<PendingOperation>> GetPendingOperationsAsync(int limit = 10_000, CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts the pending operations by whether a flush could send them now: due, waiting out a retry backoff, or
    /// held by a flusher; with the next retry time and the latest error.
    /// </summary>
    public abstract Task<OutboxBacklog> GetBacklogAsync(CancellationToken cancellationToken = default);

    /// <summary>True when an operation on this tuple of this store waits in the outbox (in flight included).</summary>
    public abstract Task<bool> HasPendingAsync(FgaConnection connection, TupleKey tuple, CancellationToken cancellationToken = default);

    /// <summary>
    /// The pending operations bound for <paramref name="storeId"/> on the given relations (all relations when
    /// null), oldest first, read together with the highest sequence number committed so far.
    /// </summary>
    /// <param name="storeId">The store.</param>
    /// <param name="relations">The relation names to read; null for all.</param>
    /// <param name="upToSequence">
    /// Leave out operations committed after this sequence number (a snapshot taken earlier); null for everything
    /// committed now.
    /// </param>
    /// <param name="limit">The most operations read; beyond it the snapshot says it is not complete.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public abstract Task<PendingSnapshot> GetPendingSnapshotAsync(
        string storeId, IReadOnlyCollection<string>? relations, long? upToSequence, int limit, CancellationToken cancellationToken = default);

    /// <summary>Lists dead letters, oldest operation first.</summary>
    /// <param name="limit">The most dead letters to return.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public abstract Task<IReadOnlyList<DeadLetter>> GetDeadLettersAsync(int limit = 10_000, CancellationToken cancellationToken = default);

    /// <summary>Counts the dead letters.</summary>
    public abstract Task<long> GetDeadLetterCountAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves dead letters back to the pending operations, due at once with their attempts reset, and returns how many
    /// moved. A retried operation is appended like a new one: it replaces a pending operation on the same tuple.
    /// </summary>
    /// <param name="sequences">The dead letters to retry; all of them when null.</param>
    /// <param name="cancellationToken">Cancels before the retry is queued.</param>
    public abstract Task<int> RetryDeadLettersAsync(IReadOnlyCollection<long>? sequences = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes dead letters for good and returns how many were deleted.</summary>
    /// <param name="sequences">The dead letters to purge; all of them when null.</param>
    /// <param name="cancellationToken">Cancels before the purge is queued.</param>
    public abstract Task<int> PurgeDeadLettersAsync(IReadOnlyCollection<long>? sequences = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Drops every pending operation without sending it, and returns how many were dropped. Operations a flusher is
    /// sending at this moment are left to finish.
    /// </summary>
    public abstract Task<int> ClearAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Hands the space of sent operations back to the storage and returns the bytes reclaimed; 0 where the database
    /// does this by itself.
    /// </summary>
    public virtual Task<long> CompactAsync(CancellationToken cancellationToken = default) => Task.FromResult(0L);

    /// <summary>Lets the commits under way finish and closes the outbox. Pending operations stay in it.</summary>
    public void Dispose()
    {
        DisposeCore();
        GC.SuppressFinalize(this);
    }

    /// <summary>Lets the commits under way finish and closes the outbox. Pending operations stay in it.</summary>
    public async ValueTask DisposeAsync()
    {
        await DisposeCoreAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>The highest sequence number in the outbox (0 when empty): a flush sends nothing newer.</summary>
    internal abstract Task<long> GetHighestSequenceAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Leases up to <paramref name="limit"/> due operations numbered at most <paramref name="maxSequence"/> to
    /// <paramref name="owner"/> until the lease ends, skipping tuples another flusher is sending, and counts the
    /// attempt.
    /// </summary>
    internal abstract Task<IReadOnlyList<ClaimedOperation>> ClaimAsync(string owner, int limit, long maxSequence, TimeSpan leaseDuration);

    /// <summary>
    /// Applies the outcome of a claim. Rows whose lease another flusher has taken over are left alone. Returns the
    /// rescheduled and released operations that were dropped instead, superseded by a newer operation on their tuple.
    /// </summary>
    internal abstract Task<SupersededOnCompletion> CompleteAsync(string owner, OutboxCompletion completion);

    /// <summary>
    /// The pending operations on <paramref name="tuples"/> of <paramref name="storeId"/> as a check with the snapshot
    /// bound <paramref name="upToSequence"/> must see them, oldest first: per tuple those up to the bound, or, when a
    /// later operation has replaced them, the first of the later ones.
    /// </summary>
    internal abstract Task<IReadOnlyList<PendingOperation>> GetPendingForTuplesAsync(
        string storeId, IReadOnlyCollection<(string Object, string Relation, string User)> tuples, long upToSequence, CancellationToken cancellationToken);

    /// <summary>
    /// The distinct owners of leases still in force whose owner id starts with <paramref name="prefix"/> (the
    /// flushers of one machine).
    /// </summary>
    internal abstract Task<IReadOnlyList<string>> GetLeaseOwnersAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the leases of <paramref name="owners"/>, flushers that can no longer finish, back in one transaction:
    /// their operations become ordinary pending ones, due at once, and the attempt their claim counted is not counted.
    /// Returns how many operations each owner held.
    /// </summary>
    internal abstract Task<IReadOnlyList<(string Owner, int Released)>> ReleaseLeasesAsync(IReadOnlyList<string> owners);

    /// <summary>
    /// Brings what this process keeps in memory about the outbox up to date after a flush: the pending-tuple index, or
    /// the pending estimate where other nodes flush too.
    /// </summary>
    internal abstract Task RefreshAfterFlushAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Tells the nodes sharing the outbox that <paramref name="tuple"/> was written straight to OpenFGA (write-through),
    /// so that they drop cached answers it changes; nothing to do where no other node reads the outbox. Never throws:
    /// the write has happened, and a lost announcement is bounded by the cache's time-to-live.
    /// </summary>
    internal virtual Task AnnounceWrittenAsync(string storeId, TupleKey tuple) => Task.CompletedTask;

    /// <summary>
    /// True when this node is the one to run the periodic flush <paramref name="schedule"/> due at
    /// <paramref name="fireTime"/>: always, unless nodes share the outbox, where the first node to ask wins and the others
    /// skip that run. Interval and batch-size flushes stay per node.
    /// </summary>
    internal virtual Task<bool> TryClaimScheduledRunAsync(string schedule, DateTimeOffset fireTime, string node, CancellationToken cancellationToken) =>
        Task.FromResult(true);

    /// <summary>Stores one validated operation and completes with its sequence number once it is committed.</summary>
    private protected abstract Task<long> AppendAsync(FgaConnection connection, OutboxOperationKind kind, TupleKey tuple, string? conditionContext, long tupleHash);

    private protected abstract void DisposeCore();

    private protected abstract ValueTask DisposeCoreAsync();

    private protected long AddToPendingEstimate(long delta) => Interlocked.Add(ref _pendingEstimate, delta);

    private protected void ResetPendingEstimate(long pending) => Interlocked.Exchange(ref _pendingEstimate, pending);

    /// <summary>Raises <see cref="Appended"/> after a commit of <paramref name="appended"/> operations.</summary>
    private protected void OnAppended(int appended, long pending)
    {
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

    /// <summary>
    /// Raises <see cref="PendingChangedOutsideWrites"/> when <paramref name="changed"/> operations were dropped or
    /// restored; called after the change is committed.
    /// </summary>
    private protected void OnPendingChangedOutsideWrites(int changed)
    {
        if (changed > 0)
        {
            PendingChangedOutsideWrites?.Invoke();
        }
    }

    /// <summary>Raises <see cref="AppendedOnAnyNode"/> for an operation a node announced.</summary>
    private protected void OnAppendedOnAnyNode(string storeId, TupleKey tuple)
    {
        try
        {
            AppendedOnAnyNode?.Invoke(storeId, tuple);
        }
        catch (Exception exception)
        {
            OutboxLog.AppendedHandlerFailed(_logger, exception);
        }
    }
}
