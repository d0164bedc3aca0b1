using System.Text;
using System.Text.Json.Nodes;
using TypedFga.Embedded.Authorization;
using TypedFga.Embedded.Errors;
using TypedFga.Embedded.Storage;
using TypedFga.Embedded.Validation;
using TypedFga.Wire;

namespace TypedFga.Embedded;

public sealed partial class EmbeddedOpenFga
{
    private const int MaxConditionContextBytes = 32 * 1024;

    /// <summary>
    /// Writes and deletes tuples in one transaction, deletes first, as OpenFGA does: at most
    /// <see cref="EmbeddedOpenFgaOptions.MaxTuplesPerWrite"/> tuples, no tuple twice, written tuples validated
    /// against the model, and <c>on_duplicate</c> / <c>on_missing</c> honoured (409 for an existing tuple with a
    /// different condition under <c>ignore</c>).
    /// </summary>
    internal Task WriteAsync(string storeId, WriteRequest request, CancellationToken cancellationToken = default) =>
        Write(writer =>
        {
            ArgumentNullException.ThrowIfNull(request);
            var writeKeys = request.Writes?.TupleKeys ?? [];
            var deleteKeys = request.Deletes?.TupleKeys ?? [];
            if (writeKeys.Count == 0 && deleteKeys.Count == 0)
            {
                throw new FgaEngineException(FgaErrorCode.InvalidWriteInput, "Invalid input. Make sure you provide at least one write, or at least one delete");
            }

            var ignoreDuplicate = Option(request.Writes?.OnDuplicate, "on_duplicate");
            var ignoreMissing = Option(request.Deletes?.OnMissing, "on_missing");
            var model = ResolveModel(writer.Reader, storeId, request.AuthorizationModelId);
            if (writeKeys.Count + deleteKeys.Count > _options.MaxTuplesPerWrite)
            {
                throw new FgaEngineException(FgaErrorCode.ExceededEntityLimit, $"The number of write operations exceeds the allowed limit of {_options.MaxTuplesPerWrite}");
            }

            var seen = new HashSet<(string?, string?, string?)>();
            var keys = deleteKeys.Select(key => (key.User, key.Relation, key.Object)).Concat(writeKeys.Select(key => (key.User, key.Relation, key.Object)));
            foreach (var (user, relation, @object) in keys)
            {
                if (!seen.Add((user, relation, @object)))
                {
                    throw new FgaEngineException(FgaErrorCode.CannotAllowDuplicateTuplesInOneRequest, $"duplicate tuple in write: user: '{user}', relation: '{relation}', object: '{@object}'");
                }
            }

            var deletes = deleteKeys.Select(ParseDelete).ToList();
            var writes = writeKeys.Select(key =>
            {
                if (key.Condition?.Context is { } context && Encoding.UTF8.GetByteCount(context.ToJsonString()) > MaxConditionContextBytes)
                {
                    throw FgaEngineException.Validation($"the condition context of tuple {key} exceeds {MaxConditionContextBytes} bytes");
                }

                return TupleModelValidator.Parse(model, key, FgaErrorCode.ValidationError);
            }).ToList();
            writer.ApplyWrite(storeId, deletes, ignoreMissing, writes, ignoreDuplicate, _options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds());
            return true;
        }, cancellationToken);

    /// <summary>Reads tuples matching a filter, a page at a time, in write order.</summary>
    internal Task<ReadResponse> ReadAsync(string storeId, ReadRequest request, CancellationToken cancellationToken = default) =>
        Read(reader =>
        {
            ArgumentNullException.ThrowIfNull(request);
            RequireStore(reader, storeId);
            var size = PageSize(request.PageSize);
            var filter = ReadFilter(request.TupleKey);
            var afterSeq = ContinuationToken.DecodeSequence(request.ContinuationToken);
            var rows = reader.ReadPage(storeId, filter, afterSeq, size + 1);
            var page = rows.Take(size).ToList();
            var lastSeq = page.Count == 0 ? afterSeq : page[^1].Seq;
            return new ReadResponse
            {
                Tuples = page.Select(r => r.Tuple).Select(t => new ApiTuple { Key = t.ToApi(), Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(t.InsertedAtMilliseconds) }).ToList(),
                ContinuationToken = rows.Count > size ? ContinuationToken.Encode(lastSeq.ToString(System.Globalization.CultureInfo.InvariantCulture)) : "",
            };
        }, cancellationToken);

    /// <summary>Reads the changelog, oldest first; the token always points past the last change returned.</summary>
    internal Task<ReadChangesResponse> ReadChangesAsync(string storeId, ReadChangesRequest request, CancellationToken cancellationToken = default) =>
        Read(reader =>
        {
            ArgumentNullException.ThrowIfNull(request);
            RequireStore(reader, storeId);
            var size = PageSize(request.PageSize, _options.ReadChangesMaxPageSize);
            var afterSeq = ContinuationToken.DecodeSequence(request.ContinuationToken);
            var rows = reader.ReadChanges(
                storeId, string.IsNullOrEmpty(request.Type) ? null : request.Type, afterSeq, request.StartTime?.ToUnixTimeMilliseconds(), size);
            var changes = rows.Select(r => new TupleChange
            {
                TupleKey = new ApiTupleKey
                {
                    Object = r.ObjectType + ":" + r.ObjectId,
                    Relation = r.Relation,
                    User = r.UserValue,
                    Condition = r.ConditionName is null ? null : new ApiRelationshipCondition
                    {
                        Name = r.ConditionName,
                        Context = r.ConditionContext is null ? null : JsonNode.Parse(r.ConditionContext)?.AsObject(),
                    },
                },
                Operation = r.Operation == 0 ? TupleOperation.Write : TupleOperation.Delete,
                Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(r.ChangedAt),
            }).ToList();
            var last = rows.Count > 0 ? rows[^1].Seq : afterSeq;
            return new ReadChangesResponse
            {
                Changes = changes,
                ContinuationToken = ContinuationToken.Encode(last.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            };
        }, cancellationToken);

    private static bool Option(string? value, string name) => value switch
    {
        null or "" or WriteConflictAction.Error => false,
        WriteConflictAction.Ignore => true,
        _ => throw FgaEngineException.Validation($"invalid {name} option: {value}"),
    };

    private static StoredTuple ParseDelete(TupleKeyWithoutCondition key)
    {
        if (!TupleObject.TryParse(key.Object, out var obj) || string.IsNullOrEmpty(key.Relation) || !TupleUser.TryParse(key.User, out var user))
        {
            throw FgaEngineException.Validation($"invalid tuple to delete: user: '{key.User}', relation: '{key.Relation}', object: '{key.Object}'");
        }

        return new StoredTuple(obj.Type, obj.Id, key.Relation, user, null, null);
    }

    private static TupleFilter ReadFilter(ReadRequestTupleKey? key)
    {
        if (key is null || (string.IsNullOrEmpty(key.Object) && string.IsNullOrEmpty(key.Relation) && string.IsNullOrEmpty(key.User)))
        {
            return new TupleFilter(null, null, null, null, null, null);
        }

        if (string.IsNullOrEmpty(key.Object))
        {
            throw FgaEngineException.Validation("the 'object' field is required when reading with a user or relation");
        }

        var colon = key.Object.IndexOf(':');
        if (colon <= 0)
        {
            throw FgaEngineException.Validation($"invalid 'object' field format: '{key.Object}'");
        }

        var objectType = key.Object[..colon];
        var objectId = key.Object[(colon + 1)..];
        if (objectId.Length == 0 && string.IsNullOrEmpty(key.User))
        {
            throw FgaEngineException.Validation("the 'user' field is required when the object has no id");
        }

        string? userType = null, userId = null, userRelation = null;
        if (!string.IsNullOrEmpty(key.User))
        {
            if (TupleUser.TryParse(key.User, out var user))
            {
                (userType, userId, userRelation) = (user.Type, user.Id, user.Relation);
            }
            else if (key.User.EndsWith(':') && key.User.IndexOf(':') == key.User.Length - 1)
            {
                userType = key.User[..^1];
            }
            else
            {
                throw FgaEngineException.Validation($"invalid 'user' field format: '{key.User}'");
            }
        }

        return new TupleFilter(objectType, objectId.Length == 0 ? null : objectId, string.IsNullOrEmpty(key.Relation) ? null : key.Relation, userType, userId, userRelation);
    }
}
