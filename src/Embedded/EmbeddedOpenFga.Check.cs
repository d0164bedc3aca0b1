using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TypedFga.Embedded.Authorization;
using TypedFga.Embedded.Checking;
using TypedFga.Embedded.Errors;
using TypedFga.Embedded.Storage;
using TypedFga.Embedded.Validation;
using TypedFga.Wire;

namespace TypedFga.Embedded;

public sealed partial class EmbeddedOpenFga
{
    /// <summary>
    /// Answers whether the user has the relation on the object. Invalid input fails with
    /// <c>validation_error</c>, an invalid contextual tuple with <c>invalid_tuple</c>, a missing condition
    /// parameter with <c>validation_error</c>, too deep a resolution with
    /// <c>authorization_model_resolution_too_complex</c>.
    /// </summary>
    internal Task<CheckResponse> CheckAsync(string storeId, CheckRequest request, CancellationToken cancellationToken = default) =>
        Read(storage =>
        {
            ArgumentNullException.ThrowIfNull(request);
            var model = ResolveModel(storage, storeId, request.AuthorizationModelId);
            var allowed = CheckOne(storage, storeId, model, request.TupleKey, request.ContextualTuples?.TupleKeys, request.Context, cancellationToken);
            return new CheckResponse { Allowed = allowed };
        }, cancellationToken);

    /// <summary>
    /// Runs up to <see cref="EmbeddedOpenFgaOptions.MaxChecksPerBatchCheck"/> checks; each result is keyed by its
    /// correlation id and carries either the answer or that check's error.
    /// </summary>
    internal Task<BatchCheckResponse> BatchCheckAsync(string storeId, BatchCheckRequest request, CancellationToken cancellationToken = default) =>
        Read(storage =>
        {
            ArgumentNullException.ThrowIfNull(request);
            var checks = request.Checks ?? [];
            if (checks.Count == 0)
            {
                throw FgaEngineException.Validation("invalid BatchCheckRequest.Checks: value must contain at least 1 item(s)");
            }

            if (checks.Count > _options.MaxChecksPerBatchCheck)
            {
                throw FgaEngineException.Validation($"batchCheck received {checks.Count} checks, the maximum allowed is {_options.MaxChecksPerBatchCheck}");
            }

            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var check in checks)
            {
                if (string.IsNullOrEmpty(check.CorrelationId) || !CorrelationId().IsMatch(check.CorrelationId))
                {
                    throw FgaEngineException.Validation($"invalid correlation id: '{check.CorrelationId}'");
                }

                if (!ids.Add(check.CorrelationId))
                {
                    throw FgaEngineException.Validation($"received duplicate correlation id: {check.CorrelationId}");
                }
            }

            var model = ResolveModel(storage, storeId, request.AuthorizationModelId);
            var results = new Dictionary<string, BatchCheckSingleResult?>(StringComparer.Ordinal);
            foreach (var check in checks)
            {
                try
                {
                    var allowed = CheckOne(storage, storeId, model, check.TupleKey, check.ContextualTuples?.TupleKeys, check.Context, cancellationToken);
                    results[check.CorrelationId!] = new BatchCheckSingleResult { Allowed = allowed };
                }
                catch (FgaEngineException e)
                {
                    var isInput = (int)e.ErrorCode is >= 2000 and < 4000 || (int)e.StatusCode is 400 or 404 or 409 or 422;
                    results[check.CorrelationId!] = new BatchCheckSingleResult
                    {
                        Error = new CheckError
                        {
                            InputError = isInput ? e.Code : null,
                            InternalError = isInput ? null : e.Code,
                            Message = e.ServerMessage,
                        },
                    };
                }
            }

            return new BatchCheckResponse { Result = results };
        }, cancellationToken);

    private bool CheckOne(FgaReader storage, string storeId, AuthorizationTypeSystem model, TupleKeyWithoutCondition? key, IReadOnlyList<ApiTupleKey>? contextualKeys, JsonObject? context, CancellationToken cancellationToken)
    {
        var (obj, relation, user) = ValidateCheckKey(model, key);
        var reader = ContextualReader(storage, storeId, model, contextualKeys);
        var outcome = new CheckResolver(model, reader, context, _options.ResolveNodeLimit, cancellationToken)
            .Check(obj.Type, obj.Id, relation, user);
        return outcome.Error is { } error ? throw error : outcome.Allowed;
    }

    /// <summary>OpenFGA's ValidateUserObjectRelation for Check: every failure is a validation_error.</summary>
    private static (TupleObject Object, string Relation, TupleUser User) ValidateCheckKey(AuthorizationTypeSystem model, TupleKeyWithoutCondition? key)
    {
        if (key is null || !TupleObject.TryParse(key.Object, out var obj))
        {
            throw FgaEngineException.Validation($"invalid 'object' field format: '{key?.Object}'");
        }

        if (!model.HasType(obj.Type))
        {
            throw FgaEngineException.Validation($"type '{obj.Type}' not found");
        }

        if (string.IsNullOrEmpty(key.Relation) || model.GetRelation(obj.Type, key.Relation) is null)
        {
            throw FgaEngineException.Validation($"relation '{obj.Type}#{key.Relation}' not found");
        }

        var user = ValidateUser(model, key.User, FgaErrorCode.ValidationError);
        return (obj, key.Relation, user);
    }

    private static TupleUser ValidateUser(AuthorizationTypeSystem model, string? text, FgaErrorCode typeCode)
    {
        if (!TupleUser.TryParse(text, out var user))
        {
            throw FgaEngineException.Validation($"invalid 'user' field format: '{text}'");
        }

        if (!model.HasType(user.Type))
        {
            throw new FgaEngineException(typeCode, $"type '{user.Type}' not found");
        }

        if (user.Kind == TupleUserKind.Userset && model.GetRelation(user.Type, user.Relation) is null)
        {
            throw FgaEngineException.Validation($"relation '{user.Type}#{user.Relation}' not found");
        }

        return user;
    }

    private RequestTupleReader ContextualReader(FgaReader storage, string storeId, AuthorizationTypeSystem model, IReadOnlyList<ApiTupleKey>? keys)
    {
        keys ??= [];
        if (keys.Count > _options.MaxContextualTuples)
        {
            throw FgaEngineException.Validation($"at most {_options.MaxContextualTuples} contextual tuples are allowed, got {keys.Count}");
        }

        var contextual = new List<StoredTuple>(keys.Count);
        foreach (var key in keys)
        {
            contextual.Add(TupleModelValidator.Parse(model, key, FgaErrorCode.InvalidTuple));
        }

        return new RequestTupleReader(storage, storeId, contextual);
    }

    [GeneratedRegex(@"^[\w\d-]{1,36}$")]
    private static partial Regex CorrelationId();
}
