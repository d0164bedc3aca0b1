extern alias generator;

using generator::TypedFga.Generator.Parsing;
using generator::TypedFga.Language.Model;
using static TypedFga.Generator.Tests.Support.ModelFactory;

namespace TypedFga.Generator.Tests.Parsing;

public sealed class RelatedUserKindsTests
{
    [Fact]
    public void Direct_restrictions_give_their_types_and_usersets_and_the_relation_itself()
    {
        var kinds = Of([Type("user"), Type("team", Direct("member", "user")), Type("doc", Direct("viewer", "user", "team#member"))], "doc", "viewer");
        Assert.Equal(["doc#viewer", "team#member", "user"], kinds);
    }

    [Fact]
    public void A_wildcard_counts_as_its_type()
    {
        Assert.Equal(["doc#viewer", "user"], Of([Type("user"), Type("doc", Direct("viewer", "user:*"))], "doc", "viewer"));
    }

    [Fact]
    public void A_condition_does_not_change_the_kind()
    {
        Assert.Equal(["doc#viewer", "user"], Of([Type("user"), Type("doc", Direct("viewer", "user with fresh"))], "doc", "viewer"));
    }

    [Fact]
    public void A_relation_without_direct_restrictions_still_holds_itself()
    {
        // OpenFGA answers the filter doc#reader on doc:1#reader with doc:1#reader, whatever the tuples.
        var kinds = Of([Type("user"), Type("doc", Direct("viewer", "user"), Computed("reader", Ref("viewer")))], "doc", "reader");
        Assert.Equal(["doc#reader", "doc#viewer", "user"], kinds);
    }

    [Fact]
    public void A_computed_userset_adds_the_other_relation_and_what_it_holds()
    {
        var kinds = Of(
            [Type("user"), Type("bot"), Type("doc", Direct("owner", "bot"), DirectOr("editor", ["user"], Ref("owner")))],
            "doc",
            "editor");
        Assert.Equal(["bot", "doc#editor", "doc#owner", "user"], kinds);
    }

    [Fact]
    public void A_tuple_to_userset_adds_the_computed_relation_of_each_tupleset_type_that_has_it()
    {
        var kinds = Of(
            [
                Type("user"),
                Type("bot"),
                Type("folder", Direct("viewer", "user")),
                Type("drive", Direct("viewer", "bot")),
                Type("archive"),
                Type("doc", Direct("parent", "folder", "drive", "archive"), Computed("viewer", From("viewer", "parent"))),
            ],
            "doc",
            "viewer");
        // Not doc#parent: the tupleset is read for its objects, never answered as a userset.
        Assert.Equal(["bot", "doc#viewer", "drive#viewer", "folder#viewer", "user"], kinds);
    }

    [Fact]
    public void Nested_usersets_add_what_they_hold_and_cycles_end()
    {
        var kinds = Of(
            [
                Type("user"),
                Type("group", Direct("member", "user", "group#member", "org#member")),
                Type("org", Direct("member", "group#member")),
                Type("doc", Direct("viewer", "group#member")),
            ],
            "doc",
            "viewer");
        Assert.Equal(["doc#viewer", "group#member", "org#member", "user"], kinds);
    }

    [Fact]
    public void A_userset_of_a_restriction_adds_the_relations_its_rewrite_reaches()
    {
        var kinds = Of(
            [
                Type("user"),
                Type("group", Direct("member", "user"), Direct("admin", "user"), Computed("staff", Union(Ref("member"), Ref("admin")))),
                Type("doc", Direct("viewer", "group#staff")),
            ],
            "doc",
            "viewer");
        Assert.Equal(["doc#viewer", "group#admin", "group#member", "group#staff", "user"], kinds);
    }

    [Fact]
    public void But_not_counts_only_its_base()
    {
        var kinds = Of(
            [Type("user"), Type("bot"), Type("doc", Direct("viewer", "user"), Direct("blocked", "bot"), Computed("can_view", ButNot(Ref("viewer"), Ref("blocked"))))],
            "doc",
            "can_view");
        Assert.Equal(["doc#can_view", "doc#viewer", "user"], kinds);
    }

    [Fact]
    public void And_counts_every_child()
    {
        var kinds = Of(
            [Type("user"), Type("bot"), Type("doc", Direct("editor", "user"), Direct("approver", "bot"), Computed("can_publish", Intersection(Ref("editor"), Ref("approver"))))],
            "doc",
            "can_publish");
        Assert.Equal(["bot", "doc#approver", "doc#can_publish", "doc#editor", "user"], kinds);
    }

    [Fact]
    public void The_sample_model_relations_reach_users_teams_and_folders()
    {
        var kinds = new RelatedUserKinds(Sample().Types);
        Assert.Equal(
            ["document#can_view", "document#editor", "document#owner", "document#viewer", "folder#editor", "folder#owner", "folder#viewer", "team#member", "user"],
            kinds.Of("document", "can_view"));
        Assert.Equal(
            ["document#approver", "document#can_publish", "document#editor", "document#owner", "folder#editor", "folder#owner", "team#member", "user"],
            kinds.Of("document", "can_publish"));
        Assert.Equal(["document#parent", "folder"], kinds.Of("document", "parent"));
        Assert.Equal(["document#blocked", "user"], kinds.Of("document", "blocked"));
        Assert.Empty(kinds.Of("document", "missing"));
    }

    private static IReadOnlyList<string> Of(TypeDefinition[] types, string type, string relation) =>
        new RelatedUserKinds(Model(types).Types).Of(type, relation);
}
