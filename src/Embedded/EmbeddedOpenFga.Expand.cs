using TypedFga.Embedded.Authorization;
using TypedFga.Embedded.Checking;
using TypedFga.Embedded.Errors;
using TypedFga.Embedded.Validation;
using TypedFga.Wire;

namespace TypedFga.Embedded;

public sealed partial class EmbeddedOpenFga
{
    /// <summary>
    /// Expands object#relation one level, as OpenFGA does: the rewrite's tree with the direct users as leaves
    /// (distinct, in ordinal order), computed usersets and tuple-to-usersets named but not expanded further
    /// (a tuple-to-userset lists each related object once, in the order its tuples are read).
    /// </summary>
    internal Task<ExpandResponse> ExpandAsync(string storeId, ExpandRequest request, CancellationToken cancellationToken = default) =>
        Read(storage =>
        {
            ArgumentNullException.ThrowIfNull(request);
            var model = ResolveModel(storage, storeId, request.AuthorizationModelId);
            if (!TupleObject.TryParse(request.TupleKey?.Object, out var obj) || !model.HasType(obj.Type))
            {
                throw FgaEngineException.Validation($"invalid object '{request.TupleKey?.Object}'");
            }

            var info = model.GetRelation(obj.Type, request.TupleKey!.Relation ?? "")
                ?? throw FgaEngineException.Validation($"relation '{obj.Type}#{request.TupleKey.Relation}' not found");
            var reader = ContextualReader(storage, storeId, model, request.ContextualTuples?.TupleKeys);
            return new ExpandResponse { Tree = new UsersetTree { Root = Expand(model, reader, info, info.Rewrite, obj) } };
        }, cancellationToken);

    private static UsersetTreeNode Expand(AuthorizationTypeSystem model, RequestTupleReader reader, RelationInfo info, RelationRewrite rewrite, TupleObject obj)
    {
        var name = $"{obj}#{info.Name}";
        return rewrite switch
        {
            DirectRewrite => new UsersetTreeNode
            {
                Name = name,
                Leaf = new UsersetTreeLeaf
                {
                    Users = new UsersetTreeUsers
                    {
                        // Contextual tuples may repeat stored ones; OpenFGA lists each user once, sorted.
                        Users = reader.ReadTuples(obj.Type, obj.Id, info.Name)
                            .Where(t => TupleModelValidator.FitsModel(model, t))
                            .Select(t => t.User.ToString())
                            .Distinct(StringComparer.Ordinal)
                            .Order(StringComparer.Ordinal)
                            .ToList(),
                    },
                },
            },
            ComputedRewrite computed => new UsersetTreeNode
            {
                Name = name,
                Leaf = new UsersetTreeLeaf { Computed = new UsersetTreeComputed { Userset = $"{obj}#{computed.Relation}" } },
            },
            TupleToUsersetRewrite ttu => new UsersetTreeNode
            {
                Name = name,
                Leaf = new UsersetTreeLeaf
                {
                    TupleToUserset = new UsersetTreeTupleToUserset
                    {
                        Tupleset = $"{obj}#{ttu.Tupleset}",
                        // Like OpenFGA, every related object is named, whether or not its type defines the
                        // computed relation (Check simply finds no one there); a userset keeps its own relation.
                        Computed = reader.ReadTuples(obj.Type, obj.Id, ttu.Tupleset)
                            .Where(t => TupleModelValidator.FitsModel(model, t))
                            .Select(t => $"{t.User.Object}#{(t.User.Relation.Length > 0 ? t.User.Relation : ttu.ComputedRelation)}")
                            .Distinct(StringComparer.Ordinal)
                            .Select(userset => new UsersetTreeComputed { Userset = userset })
                            .ToList(),
                    },
                },
            },
            UnionRewrite union => new UsersetTreeNode
            {
                Name = name,
                Union = new UsersetTreeNodes { Nodes = union.Children.Select(c => Expand(model, reader, info, c, obj)).ToList() },
            },
            IntersectionRewrite intersection => new UsersetTreeNode
            {
                Name = name,
                Intersection = new UsersetTreeNodes { Nodes = intersection.Children.Select(c => Expand(model, reader, info, c, obj)).ToList() },
            },
            ExclusionRewrite exclusion => new UsersetTreeNode
            {
                Name = name,
                Difference = new UsersetTreeDifference
                {
                    Base = Expand(model, reader, info, exclusion.Base, obj),
                    Subtract = Expand(model, reader, info, exclusion.Subtract, obj),
                },
            },
            _ => new UsersetTreeNode { Name = name },
        };
    }
}
