using TypedFga.Embedded.Authorization;
using TypedFga.Embedded.Checking;
using TypedFga.Embedded.Storage;
using TypedFga.Embedded.Validation;

namespace TypedFga.Embedded.Listing;

/// <summary>
/// Walks the tuples reachable from object#relation through the model's rewrites (every branch, including
/// subtracted ones) and collects the users of the requested kind met on the way. ListUsers then keeps the
/// candidates that Check accepts, so the answer has exactly Check's semantics, and a wildcard tuple yields
/// <c>user:*</c> rather than every user of the type.
/// </summary>
internal sealed class UserCandidateCollector(
    AuthorizationTypeSystem model,
    RequestTupleReader tuples,
    System.Text.Json.Nodes.JsonObject? context,
    string filterType,
    string? filterRelation)
{
    private readonly HashSet<(string, string, string)> _visited = [];
    private readonly HashSet<TupleUser> _candidates = [];

    public IReadOnlyCollection<TupleUser> Collect(string objectType, string objectId, string relation, CancellationToken cancellationToken)
    {
        var pending = new Stack<(string Type, string Id, string Relation)>();
        pending.Push((objectType, objectId, relation));
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (type, id, rel) = pending.Pop();
            if (!_visited.Add((type, id, rel)))
            {
                continue;
            }

            if (filterRelation is not null && type == filterType && rel == filterRelation)
            {
                _candidates.Add(new TupleUser(type, id, rel));
            }

            var info = model.GetRelation(type, rel);
            if (info is not null)
            {
                Visit(info, info.Rewrite, id, pending);
            }
        }

        return _candidates;
    }

    /// <summary>
    /// A tuple leads somewhere when it fits the model and its condition holds. As in OpenFGA's ListUsers, which
    /// expands every branch, a condition that cannot be evaluated fails the whole request.
    /// </summary>
    private bool Usable(StoredTuple tuple)
    {
        if (!TupleModelValidator.FitsModel(model, tuple))
        {
            return false;
        }

        if (tuple.ConditionName is null)
        {
            return true;
        }

        return model.Conditions.TryGetValue(tuple.ConditionName, out var condition)
            && condition.Evaluate(context, tuple.ConditionContext, tuple.ToString());
    }

    private void Visit(RelationInfo info, RelationRewrite rewrite, string objectId, Stack<(string, string, string)> pending)
    {
        switch (rewrite)
        {
            case DirectRewrite:
                foreach (var tuple in tuples.ReadTuples(info.ObjectType, objectId, info.Name))
                {
                    if (!Usable(tuple))
                    {
                        continue;
                    }

                    var user = tuple.User;
                    if (user.Type == filterType && (filterRelation is null ? user.Kind != TupleUserKind.Userset : user.Relation == filterRelation))
                    {
                        _candidates.Add(user);
                    }

                    if (user.Kind == TupleUserKind.Userset)
                    {
                        pending.Push((user.Type, user.Id, user.Relation));
                    }
                }

                break;
            case ComputedRewrite computed:
                pending.Push((info.ObjectType, objectId, computed.Relation));
                break;
            case TupleToUsersetRewrite ttu:
                foreach (var tuple in tuples.ReadTuples(info.ObjectType, objectId, ttu.Tupleset))
                {
                    if (Usable(tuple) && model.GetRelation(tuple.User.Type, ttu.ComputedRelation) is not null)
                    {
                        pending.Push((tuple.User.Type, tuple.User.Id, ttu.ComputedRelation));
                    }
                }

                break;
            case UnionRewrite union:
                foreach (var child in union.Children)
                {
                    Visit(info, child, objectId, pending);
                }

                break;
            case IntersectionRewrite intersection:
                foreach (var child in intersection.Children)
                {
                    Visit(info, child, objectId, pending);
                }

                break;
            case ExclusionRewrite exclusion:
                Visit(info, exclusion.Base, objectId, pending);
                Visit(info, exclusion.Subtract, objectId, pending);
                break;
        }
    }
}
