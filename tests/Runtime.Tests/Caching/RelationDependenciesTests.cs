using TypedFga.Caching;
using TypedFga.Language;
using TypedFga.Tests;

namespace TypedFga.Runtime.Tests.Caching;

/// <summary>Which tuples can change which checks, on the repository's model.</summary>
public sealed class RelationDependenciesTests
{
    private static readonly string ModelJson =
        ModelJsonWriter.Write(FgaCompiler.Compile(File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "model.fga"))).Model!);

    private static readonly RelationDependencies Dependencies = RelationDependencies.FromModelJson(ModelJson);

    [Theory]
    [InlineData("document", "viewer", "document", "viewer")] // the relation itself
    [InlineData("document", "editor", "document", "viewer")] // computed: viewer includes editor
    [InlineData("document", "owner", "document", "can_view")] // through editor and viewer
    [InlineData("document", "blocked", "document", "can_view")] // the subtracted side of but not
    [InlineData("document", "approver", "document", "can_publish")] // a side of and
    [InlineData("document", "parent", "document", "viewer")] // the tupleset of viewer from parent
    [InlineData("folder", "viewer", "document", "viewer")] // what viewer from parent reaches
    [InlineData("folder", "parent", "document", "can_view")] // nested folders
    [InlineData("team", "member", "document", "can_edit")] // the team#member userset admitted by editor
    public void A_tuple_on_a_relation_the_check_depends_on_can_affect_it(string tupleType, string tupleRelation, string checkType, string checkRelation) =>
        Assert.True(Dependencies.CanAffect(tupleType, tupleRelation, checkType, checkRelation));

    [Theory]
    [InlineData("document", "blocked", "document", "viewer")] // viewer does not subtract blocked
    [InlineData("document", "approver", "document", "can_view")]
    [InlineData("team", "maintainer", "document", "can_view")] // no path from maintainer
    [InlineData("audit_log", "reader", "document", "viewer")]
    [InlineData("document", "viewer", "folder", "viewer")] // dependencies point one way
    public void A_tuple_on_an_unrelated_relation_cannot_affect_the_check(string tupleType, string tupleRelation, string checkType, string checkRelation) =>
        Assert.False(Dependencies.CanAffect(tupleType, tupleRelation, checkType, checkRelation));

    [Fact]
    public void An_unreadable_model_or_an_unknown_type_makes_every_tuple_count()
    {
        Assert.True(RelationDependencies.FromModelJson("not json").CanAffect("team", "maintainer", "document", "viewer"));
        Assert.True(Dependencies.CanAffect("team", "maintainer", "no_such_type", "viewer"));
    }

    [Fact]
    public void The_relation_names_a_check_depends_on_are_those_of_every_tuple_that_can_affect_it()
    {
        var relations = Dependencies.RelationsThatCanAffect("document", "can_view");

        Assert.Equal(new[] { "blocked", "can_view", "editor", "member", "owner", "parent", "viewer" }, relations!.Order(StringComparer.Ordinal).ToArray());
        Assert.Null(Dependencies.RelationsThatCanAffect("no_such_type", "viewer"));
        Assert.Null(RelationDependencies.FromModelJson("not json").RelationsThatCanAffect("document", "viewer"));
    }

    [Fact]
    public void What_a_tuple_reaches_is_exactly_what_the_checks_it_can_affect_depend_on()
    {
        var relations = RelationsOfTheModel();
        foreach (var written in relations)
        {
            var reach = Dependencies.ReachOf(written.Type, written.Relation);
            Assert.NotNull(reach);
            foreach (var check in relations)
            {
                var reached = (check.Type == written.Type && reach.SameObject.Contains(check.Relation)) || reach.AnyObject.Contains(check);
                Assert.True(
                    Dependencies.CanAffect(written.Type, written.Relation, check.Type, check.Relation) == reached,
                    $"{written.Type}#{written.Relation} -> {check.Type}#{check.Relation}: CanAffect and ReachOf disagree");
            }
        }
    }

    [Fact]
    public void A_tuple_reaches_relations_of_its_own_object_apart_from_those_it_reaches_on_other_objects()
    {
        var owner = Dependencies.ReachOf("document", "owner")!;
        Assert.Equal(new[] { "can_edit", "can_publish", "can_view", "editor", "owner", "viewer" }, owner.SameObject);
        Assert.Empty(owner.AnyObject);

        // A folder's viewers are every contained document's viewers, and every nested folder's: the folder's own
        // viewer is then covered by the type-wide reach.
        var folderViewer = Dependencies.ReachOf("folder", "viewer")!;
        Assert.Empty(folderViewer.SameObject);
        Assert.Equal(
            new[] { ("document", "can_view"), ("document", "viewer"), ("folder", "viewer") },
            folderViewer.AnyObject);

        // Team membership reaches every relation that admits team#member, on any object, and nested teams.
        var member = Dependencies.ReachOf("team", "member")!;
        Assert.Empty(member.SameObject);
        Assert.Contains(("team", "member"), member.AnyObject);
        Assert.Contains(("document", "can_publish"), member.AnyObject);
        Assert.Contains(("audit_log", "reader"), member.AnyObject);
    }

    [Fact]
    public void Nothing_is_known_of_what_a_tuple_of_an_undefined_relation_reaches()
    {
        Assert.Null(Dependencies.ReachOf("document", "no_such_relation"));
        Assert.Null(Dependencies.ReachOf("no_such_type", "viewer"));
        Assert.Null(RelationDependencies.FromModelJson("not json").ReachOf("document", "viewer"));
    }

    private static List<(string Type, string Relation)> RelationsOfTheModel()
    {
        using var json = System.Text.Json.JsonDocument.Parse(ModelJson);
        return json.RootElement.GetProperty("type_definitions").EnumerateArray()
            .Where(type => type.TryGetProperty("relations", out var relations) && relations.ValueKind == System.Text.Json.JsonValueKind.Object)
            .SelectMany(type => type.GetProperty("relations").EnumerateObject().Select(relation => (type.GetProperty("type").GetString()!, relation.Name)))
            .ToList();
    }
}
