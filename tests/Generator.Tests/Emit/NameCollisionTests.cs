extern alias generator;

using generator::TypedFga.Generator.Diagnostics;
using TypedFga.Generator.Tests.Support;
using static TypedFga.Generator.Tests.Support.ModelFactory;
using ConditionParameterKind = generator::TypedFga.Language.Model.ConditionParameterKind;

namespace TypedFga.Generator.Tests.Emit;

public sealed class NameCollisionTests
{
    [Fact]
    public void Two_types_with_the_same_pascal_case_name()
    {
        var diagnostic = Assert.Single(Emission.Collisions(Model([Type("doc_a"), Type("doc-a")])), d => d.Arguments[2] == "DocA");
        AssertCollision(diagnostic, "type 'doc-a'", "type 'doc_a'", "DocA");
        Assert.Equal(At("doc-a"), diagnostic.Span);
    }

    [Fact]
    public void Two_relations_of_one_type_with_the_same_property_name()
    {
        var diagnostics = Emission.Collisions(Model([Type("user"), Type("doc", Direct("editor", "user"), Direct("editors", "user"))]));
        var diagnostic = Assert.Single(diagnostics, d => d.Arguments[2] == "Editors");
        AssertCollision(diagnostic, "relation 'doc#editor'", "relation 'doc#editors'", "Editors");
        Assert.Equal(At("editors"), diagnostic.Span);
    }

    [Fact]
    public void A_relation_struct_and_a_type_with_the_same_name()
    {
        var diagnostics = Emission.Collisions(Model([Type("user"), Type("doc", Direct("owner", "user")), Type("doc_owners")]));
        AssertCollision(Assert.Single(diagnostics), "relation 'doc#owner'", "type 'doc_owners'", "DocOwners");
    }

    [Fact]
    public void A_type_named_like_a_generated_member()
    {
        var diagnostics = Emission.Collisions(Model([Type("model")]));
        AssertCollision(Assert.Single(diagnostics), "generated member 'Model'", "type 'model'", "Model");
    }

    [Fact]
    public void Relations_named_like_object_members_are_pluralised_away_from_them()
    {
        var files = Emission.Emit(Model([Type("user"), Type("doc", Direct("type", "user"), Direct("subject", "user"), Direct("id", "user"))]));
        var doc = Assert.Single(files, f => f.HintName == "App.FgaTypes.g.cs").Text;
        Assert.Contains("public DocSubjects Subjects =>", doc, StringComparison.Ordinal);
        Assert.Contains("public DocIds Ids =>", doc, StringComparison.Ordinal);
        Assert.Contains("public DocTypes Types =>", doc, StringComparison.Ordinal);
    }

    [Fact]
    public void A_type_named_like_a_runtime_type_the_generated_code_uses()
    {
        var diagnostics = Emission.Collisions(Model([Type("cancellation_token"), Type("fga_relation_target")]));
        Assert.Contains(diagnostics, d => d.Arguments[0] == "generated member 'CancellationToken'" && d.Arguments[1] == "type 'cancellation_token'");
        Assert.Contains(diagnostics, d => d.Arguments[0] == "generated member 'FgaRelationTarget'" && d.Arguments[1] == "type 'fga_relation_target'");
    }

    [Fact]
    public void A_relation_named_like_an_inherited_member()
    {
        var diagnostics = Emission.Collisions(Model([Type("user"), Type("doc", Direct("equals", "user"))]));
        AssertCollision(Assert.Single(diagnostics), "generated member 'Equals'", "relation 'doc#equals'", "Equals");
    }

    [Fact]
    public void A_type_named_like_a_member_of_its_own_struct()
    {
        var diagnostics = Emission.Collisions(Model([Type("subject")]));
        AssertCollision(Assert.Single(diagnostics), "generated member 'Subject'", "type 'subject'", "Subject");
    }

    [Fact]
    public void A_type_and_a_wildcard_with_the_same_name()
    {
        var diagnostics = Emission.Collisions(Model([Type("user"), Type("any_user"), Type("doc", Direct("viewer", "user:*"))]));
        Assert.Contains(diagnostics, d => d.Arguments[0] == "type 'any_user'" && d.Arguments[1] == "wildcard 'user:*'" && d.Arguments[2] == "AnyUser");
    }

    [Fact]
    public void Two_condition_parameters_with_the_same_property_name()
    {
        var model = Model(
            [Type("user"), Type("doc", Direct("viewer", "user with c"))],
            Condition("c", "true", ("grant_time", Scalar(ConditionParameterKind.Timestamp)), ("grantTime", Scalar(ConditionParameterKind.Timestamp))));
        AssertCollision(
            Assert.Single(Emission.Collisions(model)),
            "parameter 'grant_time' of condition 'c'",
            "parameter 'grantTime' of condition 'c'",
            "GrantTime");
    }

    [Fact]
    public void An_object_set_takes_the_plural_of_its_type_and_collides_with_a_type_of_that_name()
    {
        var diagnostics = Emission.Collisions(Model([Type("document"), Type("documents")]));
        AssertCollision(Assert.Single(diagnostics), "object set of type 'document'", "type 'documents'", "Documents");
    }

    [Fact]
    public void A_type_without_a_distinct_plural_gets_an_All_set()
    {
        var files = Emission.Emit(Model([Type("user"), Type("data", Direct("reader", "user"))]));
        var fga = Assert.Single(files, f => f.HintName == "App.Fga.g.cs").Text;
        Assert.Contains("public static global::App.FgaTypes.DataSet AllData => new(null);", fga, StringComparison.Ordinal);
        Assert.Contains("public static global::App.FgaTypes.Data Data(string id)", fga, StringComparison.Ordinal);
    }

    [Fact]
    public void An_object_set_struct_collides_with_a_type_of_that_name()
    {
        var diagnostics = Emission.Collisions(Model([Type("doc"), Type("doc_set")]));
        Assert.Contains(diagnostics, d => d.Arguments[0] == "object set of type 'doc'" && d.Arguments[1] == "type 'doc_set'" && d.Arguments[2] == "DocSet");
    }

    [Fact]
    public void Names_of_the_query_api_are_reserved()
    {
        var diagnostics = Emission.Collisions(Model([Type("user"), Type("batch_check"), Type("doc", Direct("read_tuple", "user"))]));
        Assert.Contains(diagnostics, d => d.Arguments[0] == "generated member 'BatchCheck'" && d.Arguments[1] == "type 'batch_check'");
        Assert.Contains(diagnostics, d => d.Arguments[0] == "generated member 'ReadTuples'" && d.Arguments[1] == "relation 'doc#read_tuple'");
    }

    private static void AssertCollision(generator::TypedFga.Generator.Model.DiagnosticInfo diagnostic, string first, string second, string name)
    {
        Assert.Equal(FgaDiagnostics.NameCollisionId, diagnostic.Id);
        Assert.Equal([first, second, name], diagnostic.Arguments.ToArray());
        Assert.Equal(
            $"The {first} and the {second} both become the C# name '{name}'; rename one of them in the model",
            diagnostic.ToDiagnostic().GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
