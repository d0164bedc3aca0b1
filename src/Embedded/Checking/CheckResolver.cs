using System.Text.Json.Nodes;
using TypedFga.Embedded.Authorization;
using TypedFga.Embedded.Errors;
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
        UnionRewrite union => Union(info, union, objectId, user, depth),
        IntersectionRewrite intersection => Intersection(info, intersection, objectId, user, depth),
        ExclusionRewrite exclusion => Exclusion(info, exclusion, objectId, user, depth),
        _ => CheckOutcome.Deny,
    };

    // The unions below evaluate their branches in order and stop at the first that allows (see UnionOutcome);
    // they are indexed loops rather than lists of delegates or enumerators, which every check would allocate.
    private CheckOutcome Union(RelationInfo info, UnionRewrite union, string objectId, TupleUser user, int depth)
    {
        var outcome = new UnionOutcome();
        for (var i = 0; i < union.Children.Count; i++)
        {
            if (outcome.Allows(Rewrite(info, union.Children[i], objectId, user, depth)))
            {
                return CheckOutcome.Allow;
            }
        }

        return outcome.Result;
    }

    private CheckOutcome Direct(RelationInfo info, string objectId, TupleUser user, int depth)
    {
        var outcome = new UnionOutcome();
        if (info.AllowsDirect(user) && outcome.Allows(SingleTuple(tuples.ReadUserTuple(info.ObjectType, objectId, info.Name, user))))
        {
            return CheckOutcome.Allow;
        }

        if (user.Kind == TupleUserKind.Object && info.AllowsWildcardOf(user.Type)
            && outcome.Allows(SingleTuple(tuples.ReadUserTuple(info.ObjectType, objectId, info.Name, new TupleUser(user.Type, "*", "")))))
        {
            return CheckOutcome.Allow;
        }

        if (info.UsersetTypes.Count > 0 && outcome.Allows(Usersets(info, objectId, user, depth)))
        {
            return CheckOutcome.Allow;
        }

        return outcome.Result;
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
        var (usable, error) = FilterByCondition(tuples.ReadUsersetTuples(info.ObjectType, objectId, info.Name), usersetsOf: info);
        if (error is not null)
        {
            return CheckOutcome.Fail(error);
        }

        var outcome = new UnionOutcome();
        foreach (var tuple in usable)
        {
            if (outcome.Allows(Resolve(tuple.User.Type, tuple.User.Id, tuple.User.Relation, user, depth + 1)))
            {
                return CheckOutcome.Allow;
            }
        }

        return outcome.Result;
    }

    private CheckOutcome TupleToUserset(RelationInfo info, TupleToUsersetRewrite ttu, string objectId, TupleUser user, int depth)
    {
        var (usable, error) = FilterByCondition(tuples.ReadTuples(info.ObjectType, objectId, ttu.Tupleset), usersetsOf: null);
        if (error is not null)
        {
            return CheckOutcome.Fail(error);
        }

        var outcome = new UnionOutcome();
        foreach (var tuple in usable)
        {
            if (model.GetRelation(tuple.User.Type, ttu.ComputedRelation) is not null
                && outcome.Allows(Resolve(tuple.User.Type, tuple.User.Id, ttu.ComputedRelation, user, depth + 1)))
            {
                return CheckOutcome.Allow;
            }
        }

        return outcome.Result;
    }

    /// <summary>
    /// Keeps the tuples that fit the model (and, for <paramref name="usersetsOf"/>, whose userset the relation
    /// accepts) and whose condition holds. As OpenFGA's filtering iterator does, a condition error is reported
    /// only when no tuple at all passed. The candidates list is filtered in place.
    /// </summary>
    private (List<StoredTuple> Usable, FgaEngineException? Error) FilterByCondition(List<StoredTuple> candidates, RelationInfo? usersetsOf)
    {
        var kept = 0;
        FgaEngineException? lastError = null;
        for (var i = 0; i < candidates.Count; i++)
        {
            var tuple = candidates[i];
            if ((usersetsOf is not null && !AcceptsUserset(usersetsOf, tuple.User)) || !TupleModelValidator.FitsModel(model, tuple))
            {
                continue;
            }

            try
            {
                if (ConditionMet(tuple))
                {
                    candidates[kept++] = tuple;
                }
            }
            catch (FgaEngineException e)
            {
                lastError = e;
            }
        }

        candidates.RemoveRange(kept, candidates.Count - kept);
        return (candidates, kept == 0 ? lastError : null);
    }

    private static bool AcceptsUserset(RelationInfo info, TupleUser user)
    {
        for (var i = 0; i < info.UsersetTypes.Count; i++)
        {
            if (info.UsersetTypes[i].Type == user.Type && info.UsersetTypes[i].Relation == user.Relation)
            {
                return true;
            }
        }

        return false;
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

    private CheckOutcome Intersection(RelationInfo info, IntersectionRewrite intersection, string objectId, TupleUser user, int depth)
    {
        FgaEngineException? error = null;
        for (var i = 0; i < intersection.Children.Count; i++)
        {
            var outcome = Rewrite(info, intersection.Children[i], objectId, user, depth);
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

    /// <summary>
    /// What a union of branches answers when none allows: a failure if any failed (the last error), else a cut
    /// cycle if any met one (so that the answer is not memoised), else deny. A definite allow wins at once.
    /// </summary>
    private struct UnionOutcome
    {
        private bool _cycle;
        private FgaEngineException? _error;

        public readonly CheckOutcome Result => _error is not null ? CheckOutcome.Fail(_error) : _cycle ? CheckOutcome.Cycle : CheckOutcome.Deny;

        /// <summary>Records a branch's outcome; true when it allows, and the union is answered.</summary>
        public bool Allows(CheckOutcome outcome)
        {
            if (outcome.Allowed)
            {
                return true;
            }

            _cycle |= outcome.CycleDetected;
            _error = outcome.Error ?? _error;
            return false;
        }
    }
}
