using TypedFga.Backends;

namespace TypedFga.Outbox;

/// <summary>A row of <c>outbox_operations</c> as Dapper reads it.</summary>
internal sealed class OperationRow
{
    /// <summary>The select list matching this class's properties.</summary>
    public const string Columns =
        "seq AS Sequence, tuple_hash AS TupleHash, connection_name AS ConnectionName, store_id AS StoreId, model_id AS ModelId, " +
        "kind AS Kind, subject AS Subject, relation AS Relation, object AS Object, condition_name AS ConditionName, " +
        "condition_context AS ConditionContext, enqueued_at AS EnqueuedAt, attempts AS Attempts, next_attempt_at AS NextAttemptAt, " +
        "last_error AS LastError, lease_owner AS LeaseOwner";

    public long Sequence { get; set; }
    public long TupleHash { get; set; }
    public string ConnectionName { get; set; } = "";
    public string StoreId { get; set; } = "";
    public string? ModelId { get; set; }
    public long Kind { get; set; }
    public string Subject { get; set; } = "";
    public string Relation { get; set; } = "";
    public string Object { get; set; } = "";
    public string? ConditionName { get; set; }
    public string? ConditionContext { get; set; }
    public long EnqueuedAt { get; set; }
    public long Attempts { get; set; }
    public long NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public string? LeaseOwner { get; set; }

    public TupleKey ToTuple() => new(
        Subject,
        Relation,
        Object,
        ConditionName is null ? null : new RelationshipCondition(ConditionName, ConditionContextJson.Deserialize(ConditionContext)));

    public FgaConnection ToConnection() => new(ConnectionName, StoreId, ModelId);

    public PendingOperation ToPendingOperation(long now) => new(
        Sequence,
        (OutboxOperationKind)Kind,
        ToTuple(),
        ToConnection(),
        OutboxClock.FromUnixMilliseconds(EnqueuedAt),
        (int)Attempts,
        OutboxClock.FromUnixMilliseconds(NextAttemptAt),
        LastError,
        LeaseOwner is not null && NextAttemptAt > now);
}

/// <summary>A row of <c>outbox_dead_letters</c> as Dapper reads it.</summary>
internal sealed class DeadLetterRow
{
    public const string Columns =
        "seq AS Sequence, connection_name AS ConnectionName, store_id AS StoreId, model_id AS ModelId, kind AS Kind, " +
        "subject AS Subject, relation AS Relation, object AS Object, condition_name AS ConditionName, " +
        "condition_context AS ConditionContext, enqueued_at AS EnqueuedAt, attempts AS Attempts, " +
        "dead_lettered_at AS DeadLetteredAt, reason AS Reason, error_code AS ErrorCode, error_message AS ErrorMessage";

    public long Sequence { get; set; }
    public string ConnectionName { get; set; } = "";
    public string StoreId { get; set; } = "";
    public string? ModelId { get; set; }
    public long Kind { get; set; }
    public string Subject { get; set; } = "";
    public string Relation { get; set; } = "";
    public string Object { get; set; } = "";
    public string? ConditionName { get; set; }
    public string? ConditionContext { get; set; }
    public long EnqueuedAt { get; set; }
    public long Attempts { get; set; }
    public long DeadLetteredAt { get; set; }
    public long Reason { get; set; }
    public string? ErrorCode { get; set; }
    public string? ErrorMessage { get; set; }

    public DeadLetter ToDeadLetter() => new(
        Sequence,
        (OutboxOperationKind)Kind,
        new TupleKey(
            Subject,
            Relation,
            Object,
            ConditionName is null ? null : new RelationshipCondition(ConditionName, ConditionContextJson.Deserialize(ConditionContext))),
        new FgaConnection(ConnectionName, StoreId, ModelId),
        OutboxClock.FromUnixMilliseconds(EnqueuedAt),
        (int)Attempts,
        OutboxClock.FromUnixMilliseconds(DeadLetteredAt),
        (DeadLetterReason)Reason,
        ErrorCode,
        ErrorMessage);
}

/// <summary>Times are stored as Unix milliseconds (UTC), which SQLite compares and indexes as integers.</summary>
internal static class OutboxClock
{
    public static long Now(TimeProvider timeProvider) => timeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    public static long ToUnixMilliseconds(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromUnixMilliseconds(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);
}
