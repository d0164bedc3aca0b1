using System.Text.Json.Nodes;
using Dapper;

namespace TypedFga.Embedded.Storage;

internal sealed partial class FgaReader
{
    /// <summary>A page of tuples matching the filter, in write order, after the given sequence number.</summary>
    public List<(long Seq, StoredTuple Tuple)> ReadPage(string storeId, TupleFilter filter, long afterSeq, int limit)
    {
        var rows = _connection.Query<TupleRow>(
            """
            SELECT seq AS Seq, object_type AS ObjectType, object_id AS ObjectId, relation AS Relation, user_type AS UserType,
                   user_id AS UserId, user_relation AS UserRelation, condition_name AS ConditionName,
                   condition_context AS ConditionContext, inserted_at AS InsertedAt
            FROM fga_tuple
            WHERE store_id = @storeId AND seq > @afterSeq
              AND (@ObjectType IS NULL OR object_type = @ObjectType)
              AND (@ObjectId IS NULL OR object_id = @ObjectId)
              AND (@Relation IS NULL OR relation = @Relation)
              AND (@UserType IS NULL OR user_type = @UserType)
              AND (@UserId IS NULL OR user_id = @UserId)
              AND (@UserRelation IS NULL OR user_relation = @UserRelation)
            ORDER BY seq LIMIT @limit
            """,
            new
            {
                storeId,
                afterSeq,
                limit,
                filter.ObjectType,
                filter.ObjectId,
                filter.Relation,
                filter.UserType,
                filter.UserId,
                filter.UserRelation,
            },
            _transaction).AsList();
        return rows.Select(r => (r.Seq, new StoredTuple(
            r.ObjectType, r.ObjectId, r.Relation, new Authorization.TupleUser(r.UserType, r.UserId, r.UserRelation),
            r.ConditionName, r.ConditionContext is null ? null : JsonNode.Parse(r.ConditionContext)?.AsObject(), r.InsertedAt))).ToList();
    }

    /// <summary>A page of the changelog after the given sequence number.</summary>
    public List<ChangeRow> ReadChanges(string storeId, string? objectType, long afterSeq, long? fromMilliseconds, int limit) =>
        _connection.Query<ChangeRow>(
            """
            SELECT seq AS Seq, object_type AS ObjectType, object_id AS ObjectId, relation AS Relation, user_value AS UserValue,
                   condition_name AS ConditionName, condition_context AS ConditionContext, operation AS Operation, changed_at AS ChangedAt
            FROM fga_change
            WHERE store_id = @storeId AND seq > @afterSeq
              AND (@objectType IS NULL OR object_type = @objectType)
              AND (@fromMilliseconds IS NULL OR changed_at >= @fromMilliseconds)
            ORDER BY seq LIMIT @limit
            """,
            new { storeId, objectType, afterSeq, fromMilliseconds, limit },
            _transaction).AsList();

    private sealed record TupleRow(
        long Seq, string ObjectType, string ObjectId, string Relation, string UserType, string UserId, string UserRelation,
        string? ConditionName, string? ConditionContext, long InsertedAt);
}

/// <summary>Read's filter; null parts match anything.</summary>
internal sealed record TupleFilter(string? ObjectType, string? ObjectId, string? Relation, string? UserType, string? UserId, string? UserRelation);

/// <summary>A row of <c>fga_change</c>.</summary>
internal sealed record ChangeRow(
    long Seq, string ObjectType, string ObjectId, string Relation, string UserValue, string? ConditionName,
    string? ConditionContext, long Operation, long ChangedAt);
