using TypedFga.Embedded.Authorization;
using TypedFga.Embedded.Checking;
using TypedFga.Embedded.Errors;
using TypedFga.Embedded.Listing;
using TypedFga.Wire;

namespace TypedFga.Embedded;

public sealed partial class EmbeddedOpenFga
{
    /// <summary>
    /// Lists the objects of a type on which the user has the relation (unordered, at most
    /// <see cref="EmbeddedOpenFgaOptions.ListObjectsMaxResults"/>), with Check's semantics: candidates found by
    /// walking back from the user are confirmed by Check.
    /// </summary>
    internal Task<ListObjectsResponse> ListObjectsAsync(string storeId, ListObjectsRequest request, CancellationToken cancellationToken = default) =>
        ListObjectsAsync(storeId, request, _options.ListObjectsMaxResults, cancellationToken);

    /// <summary>
    /// The objects of <see cref="ListObjectsAsync(string, ListObjectsRequest, CancellationToken)"/> without its result
    /// limit, as OpenFGA's streamed-list-objects finds them all.
    /// </summary>
    internal Task<ListObjectsResponse> StreamedListObjectsAsync(string storeId, ListObjectsRequest request, CancellationToken cancellationToken = default) =>
        ListObjectsAsync(storeId, request, int.MaxValue, cancellationToken);

    private Task<ListObjectsResponse> ListObjectsAsync(string storeId, ListObjectsRequest request, int maxResults, CancellationToken cancellationToken) =>
        Read(storage =>
        {
            ArgumentNullException.ThrowIfNull(request);
            var model = ResolveModel(storage, storeId, request.AuthorizationModelId);
            var type = request.Type ?? "";
            if (!model.HasType(type))
            {
                throw new FgaEngineException(FgaErrorCode.TypeNotFound, $"type '{type}' not found");
            }

            var relation = request.Relation ?? "";
            if (model.GetRelation(type, relation) is null)
            {
                throw new FgaEngineException(FgaErrorCode.RelationNotFound, $"relation '{type}#{relation}' not found");
            }

            var user = ValidateUser(model, request.User, FgaErrorCode.ValidationError);
            var reader = ContextualReader(storage, storeId, model, request.ContextualTuples?.TupleKeys);
            var resolver = new CheckResolver(model, reader, request.Context, _options.ResolveNodeLimit, cancellationToken);
            var objects = new List<string>();
            var candidates = new ObjectCandidateCollector(model, reader).Collect(user, type, cancellationToken);
            foreach (var id in candidates)
            {
                var outcome = resolver.Check(type, id, relation, user);
                if (outcome.Error is { } error)
                {
                    throw error;
                }

                if (outcome.Allowed)
                {
                    objects.Add(type + ":" + id);
                    if (objects.Count >= maxResults)
                    {
                        break;
                    }
                }
            }

            return new ListObjectsResponse { Objects = objects };
        }, cancellationToken);

    /// <summary>
    /// Lists the users of one kind (a type, or a type#relation userset) that have the relation on the object:
    /// objects (<c>user:anne</c>), typed wildcards (<c>user:*</c>) and usersets (<c>group:eng#member</c>).
    /// </summary>
    internal Task<ListUsersResponse> ListUsersAsync(string storeId, ListUsersRequest request, CancellationToken cancellationToken = default) =>
        Read(storage =>
        {
            ArgumentNullException.ThrowIfNull(request);
            var model = ResolveModel(storage, storeId, request.AuthorizationModelId);
            var objectType = request.Object?.Type ?? "";
            var objectId = request.Object?.Id ?? "";
            if (!model.HasType(objectType))
            {
                throw new FgaEngineException(FgaErrorCode.TypeNotFound, $"type '{objectType}' not found");
            }

            if (!TupleObject.TryParse(objectType + ":" + objectId, out _))
            {
                throw FgaEngineException.Validation($"invalid object '{objectType}:{objectId}'");
            }

            var relation = request.Relation ?? "";
            if (model.GetRelation(objectType, relation) is null)
            {
                throw new FgaEngineException(FgaErrorCode.RelationNotFound, $"relation '{objectType}#{relation}' not found");
            }

            if (request.UserFilters is not { Count: 1 } filters)
            {
                throw FgaEngineException.Validation("invalid ListUsersRequest.UserFilters: value must contain exactly 1 item");
            }

            var filterType = filters[0].Type ?? "";
            var filterRelation = string.IsNullOrEmpty(filters[0].Relation) ? null : filters[0].Relation;
            if (!model.HasType(filterType))
            {
                throw new FgaEngineException(FgaErrorCode.TypeNotFound, $"type '{filterType}' not found");
            }

            if (filterRelation is not null && model.GetRelation(filterType, filterRelation) is null)
            {
                throw new FgaEngineException(FgaErrorCode.RelationNotFound, $"relation '{filterType}#{filterRelation}' not found");
            }

            var reader = ContextualReader(storage, storeId, model, request.ContextualTuples);
            var candidates = new UserCandidateCollector(model, reader, request.Context, filterType, filterRelation)
                .Collect(objectType, objectId, relation, cancellationToken);
            var resolver = new CheckResolver(model, reader, request.Context, _options.ResolveNodeLimit, cancellationToken);
            var users = new List<ListedUser>();
            foreach (var candidate in candidates)
            {
                var outcome = resolver.Check(objectType, objectId, relation, candidate);
                if (outcome.Error is { } error)
                {
                    throw error;
                }

                if (outcome.Allowed)
                {
                    users.Add(ToListedUser(candidate));
                    if (users.Count >= _options.ListUsersMaxResults)
                    {
                        break;
                    }
                }
            }

            return new ListUsersResponse { Users = users };
        }, cancellationToken);

    private static ListedUser ToListedUser(TupleUser user) => user.Kind switch
    {
        TupleUserKind.Wildcard => new ListedUser { Wildcard = new TypedWildcard { Type = user.Type } },
        TupleUserKind.Userset => new ListedUser { Userset = new UsersetUser { Type = user.Type, Id = user.Id, Relation = user.Relation } },
        _ => new ListedUser { Object = new FgaObject { Type = user.Type, Id = user.Id } },
    };
}
