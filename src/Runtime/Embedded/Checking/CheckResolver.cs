using System.Text.Json.Nodes;
using TypedFga.Authorization;
using TypedFga.Embedded.Storage;
using TypedFga.Embedded.Validation;

namespace TypedFga.Embedded.Checking;

/// <summary>
/// Answers Check for one request, following OpenFGA's rules: direct, wildcard and userset tuples, computed
/// usersets, tuple-to-userset, union, intersection and exclusion; tuples that no longer fit the model are
/// ignored; conditions are evaluated per tuple. Each dispatch to another object (userset or tuple-to-userset)
/// adds one to the depth, and reaching the limit fails with error 2002. A node met again on its own path is a
/// cycle and counts as false. Answers are memoised for the request, except those that depended on a cut cycle.
/// </summary>
internal sealed class CheckResolver(
    AuthorizationTypeSystem model,
    RequestTupleReader tuples,
    JsonObject? context,
    int depthLimit,
    CancellationToken cancellationToken)
{
    private readonly Dictionary<(string, string, string, TupleUser), CheckOutcome> _memo = [];
    private readonly HashSet<(string, string, string, TupleUser)> _path = [];

    public AuthorizationTypeSystem Model => model;

    public CheckOutcome Check(string objectType, string objectId, string relation, TupleUser user) =>
        Resolve(objectType, objectId, relation, user, 0);

    private CheckOutcome Resolve(string objectType, string objectId, string relation, TupleUser user, int depth)
    {
        if (depth >= depthLimit)
        {
            return CheckOutcome.Fail(new FgaEngineException(FgaErrorCode.AuthorizationModelResolutionTooComplex, "Authorization Model resolution required too many rewrite rules to be resolved. Try simplifying the relationships in your model."));
        }

        var key = (objectType, objectId, relation, user);
        if (_path.Contains(key))
        {
            return CheckOutcome.Cycle;
        }

        if (_memo.TryGetValue(key, out var known))
        {
            return known;
        }

        if (user.Kind == TupleUserKind.Userset && user.Type == objectType && user.Id == objectId && user.Relation == relation)
        {
            return CheckOutcome.Allow;
        }

        var info = model.GetRelation(objectType, relation);
        if (info is null || !model.PathExists(user.NodeKey, objectType, relation))
        {
            return CheckOutcome.Deny;
        }

        cancellationToken.ThrowIfCancellationRequested();
        _path.Add(key);
        var outcome = Rewrite(info, info.Rewrite, objectId, user, depth);
        _path.Remove(key);
        if (!outcome.CycleDetected && !outcome.Failed)
        {
            _memo[key] = outcome;
        }

        return outcome;
    }

    private CheckOutcome Rewrite(RelationInfo info, RelationRewrite rewrite, string objectId, TupleUser user, int depth) => rewrite switch
    {
        DirectRewrite => Direct(info, objectId, user, depth),
        ComputedRewrite computed => Resolve(info.ObjectType, objectId, computed.Relation, user, depth),
        TupleToUsersetRewrite ttu => TupleToUserset(info, ttu, objectId, user, depth),
        UnionRewrite union => Union(union.Children.Select(child => (Func<CheckOutcome>)(() => Rewrite(info, child, objectId, user, depth)))),
        IntersectionRewrite intersection => Intersection(info, intersection, objectId, user, depth),
        ExclusionRewrite exclusion => Exclusion(info, exclusion, objectId, user, depth),
        _ => CheckOutcome.Deny,
    };

    private CheckOutcome Direct(RelationInfo info, string objectId, TupleUser user, int depth)
    {
        var branches = new List<Func<CheckOutcome>>(3);
        if (info.AllowsDirect(user))
        {
            branches.Add(() => SingleTuple(tuples.ReadUserTuple(info.ObjectType, objectId, info.Name, user)));
        }

        if (user.Kind == TupleUserKind.Object && info.AllowsWildcardOf(user.Type))
        {
            branches.Add(() => SingleTuple(tuples.ReadUserTuple(info.ObjectType, objectId, info.Name, new TupleUser(user.Type, "*", ""))));
        }

        if (info.UsersetTypes.Count > 0)
        {
            branches.Add(() => Usersets(info, objectId, user, depth));
        }

        return Union(branches);
    }

    private CheckOutcome SingleTuple(StoredTuple? tuple)
    {
        if (tuple is null || !TupleModelValidator.FitsModel(model, tuple))
        {
            return CheckOutcome.Deny;
        }

        try
        {
            return ConditionMet(tuple) ? CheckOutcome.Allow : CheckOutcome.Deny;
        }
        catch (FgaEngineException e)
        {
            return CheckOutcome.Fail(e);
        }
    }

    private CheckOutcome Usersets(RelationInfo info, string objectId, TupleUser user, int depth)
    {
        var candidates = tuples.ReadUsersetTuples(info.ObjectType, objectId, info.Name)
            .Where(t => info.UsersetTypes.Any(r => r.Type == t.User.Type && r.Relation == t.User.Relation));
        var (usable, error) = FilterByCondition(candidates);
        if (error is not null)
        {
            return CheckOutcome.Fail(error);
        }

        return Union(usable.Select(t => (Func<CheckOutcome>)(() => Resolve(t.User.Type, t.User.Id, t.User.Relation, user, depth + 1))));
    }

    private CheckOutcome TupleToUserset(RelationInfo info, TupleToUsersetRewrite ttu, string objectId, TupleUser user, int depth)
    {
        var (usable, error) = FilterByCondition(tuples.ReadTuples(info.ObjectType, objectId, ttu.Tupleset));
        if (error is not null)
        {
            return CheckOutcome.Fail(error);
        }

        return Union(usable
            .Where(t => model.GetRelation(t.User.Type, ttu.ComputedRelation) is not null)
            .Select(t => (Func<CheckOutcome>)(() => Resolve(t.User.Type, t.User.Id, ttu.ComputedRelation, user, depth + 1))));
    }

    /// <summary>
    /// Keeps the tuples that fit the model and whose condition holds. As OpenFGA's filtering iterator does, a
    /// condition error is reported only when no tuple at all passed.
    /// </summary>
    private (List<StoredTuple> Usable, FgaEngineException? Error) FilterByCondition(IEnumerable<StoredTuple> candidates)
    {
        var usable = new List<StoredTuple>();
        FgaEngineException? lastError = null;
        foreach (var tuple in candidates)
        {
            if (!TupleModelValidator.FitsModel(model, tuple))
            {
                continue;
            }

            try
            {
                if (ConditionMet(tuple))
                {
                    usable.Add(tuple);
                }
            }
            catch (FgaEngineException e)
            {
                lastError = e;
            }
        }

        return (usable, usable.Count == 0 ? lastError : null);
    }

    private bool ConditionMet(StoredTuple tuple)
    {
        if (tuple.ConditionName is null)
        {
            return true;
        }

        if (!model.Conditions.TryGetValue(tuple.ConditionName, out var condition))
        {
            throw FgaEngineException.Validation($"failed to evaluate relationship condition '{tuple.ConditionName}': condition was not found");
        }

        return condition.Evaluate(context, tuple.ConditionContext, tuple.ToString());
    }

    private static CheckOutcome Union(IEnumerable<Func<CheckOutcome>> branches)
    {
        var cycle = false;
        FgaEngineException? error = null;
        foreach (var branch in branches)
        {
            var outcome = branch();
            if (outcome.Allowed)
            {
                return outcome;
            }

            cycle |= outcome.CycleDetected;
            error = outcome.Error ?? error;
        }

        return error is not null ? CheckOutcome.Fail(error) : cycle ? CheckOutcome.Cycle : CheckOutcome.Deny;
    }

    private CheckOutcome Intersection(RelationInfo info, IntersectionRewrite intersection, string objectId, TupleUser user, int depth)
    {
        FgaEngineException? error = null;
        foreach (var child in intersection.Children)
        {
            var outcome = Rewrite(info, child, objectId, user, depth);
            if (outcome.Failed)
            {
                error ??= outcome.Error;
                continue;
            }

            if (outcome.CycleDetected || !outcome.Allowed)
            {
                return outcome.CycleDetected ? CheckOutcome.Cycle : CheckOutcome.Deny;
            }
        }

        return error is not null ? CheckOutcome.Fail(error) : CheckOutcome.Allow;
    }

    private CheckOutcome Exclusion(RelationInfo info, ExclusionRewrite exclusion, string objectId, TupleUser user, int depth)
    {
        var baseOutcome = Rewrite(info, exclusion.Base, objectId, user, depth);
        if (!baseOutcome.Failed && (baseOutcome.CycleDetected || !baseOutcome.Allowed))
        {
            return baseOutcome.CycleDetected ? CheckOutcome.Cycle : CheckOutcome.Deny;
        }

        var subtractOutcome = Rewrite(info, exclusion.Subtract, objectId, user, depth);
        if (!subtractOutcome.Failed && (subtractOutcome.CycleDetected || subtractOutcome.Allowed))
        {
            return subtractOutcome.CycleDetected ? CheckOutcome.Cycle : CheckOutcome.Deny;
        }

        return baseOutcome.Failed ? baseOutcome : subtractOutcome.Failed ? subtractOutcome : CheckOutcome.Allow;
    }
}
