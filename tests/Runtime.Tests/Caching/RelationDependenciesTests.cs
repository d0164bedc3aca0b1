using TypedFga.Caching;
using TypedFga.Language;
using TypedFga.Tests;

namespace TypedFga.Runtime.Tests.Caching;

/// <summary>Which tuples can change which checks, on the repository's model.</summary>
public sealed class RelationDependenciesTests
{
    private static readonly RelationDependencies Dependencies = RelationDependencies.FromModelJson(
        ModelJsonWriter.Write(FgaCompiler.Compile(File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "model.fga"))).Model!));

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
}
