using System.Reflection;
using System.Text.Json;
using TypedFga.Typed;

namespace TypedFga.GeneratedClient.Tests;

public sealed class GeneratedShapeTests
{
    [Fact]
    public void Model_info_carries_the_json_and_the_critical_relations()
    {
        using var json = JsonDocument.Parse(Fga.Model.Json);
        Assert.Equal("1.1", json.RootElement.GetProperty("schema_version").GetString());
        Assert.Equal(
            ["audit_log#reader", "document#owner", "folder#owner", "team#maintainer"],
            Fga.Model.CriticalRelations);
        Assert.True(Fga.Model.IsCritical("document", "owner"));
        Assert.False(Fga.Model.IsCritical("document", "editor"));
    }

    [Theory]
    [InlineData(typeof(FgaTypes.DocumentOwners), "document", "owner", true)]
    [InlineData(typeof(FgaTypes.AuditLogReaders), "audit_log", "reader", true)]
    [InlineData(typeof(FgaTypes.TeamMaintainers), "team", "maintainer", true)]
    [InlineData(typeof(FgaTypes.DocumentEditors), "document", "editor", false)]
    [InlineData(typeof(FgaTypes.DocumentCanView), "document", "can_view", false)]
    public void Relation_structs_carry_their_relation_and_critical_marker(Type type, string modelType, string relation, bool critical)
    {
        var marker = type.GetCustomAttribute<FgaRelationAttribute>();
        Assert.NotNull(marker);
        Assert.Equal((modelType, relation), (marker.Type, marker.Relation));
        Assert.Equal(critical ? $"{modelType}#{relation}" : null, type.GetCustomAttribute<FgaCriticalAttribute>()?.Relation);
    }

    [Fact]
    public void Every_relation_is_a_userset_kind_and_only_those_restrictions_name_are_grantable()
    {
        // A list-users answer can hold any relation's userset (document:1#editor), but only a named one can be granted.
        Assert.True(typeof(IFgaSubjectKind<FgaTypes.DocumentEditors>).IsAssignableFrom(typeof(FgaTypes.DocumentEditors)));
        Assert.Equal("document:1#editor", Fga.Document(1).Editors.Subject);
        Assert.Equal("team:eng#member", Fga.Team("eng").Members.Subject);
        Assert.Contains(typeof(IFgaGrantableTo<FgaTypes.DocumentViewers>), typeof(FgaTypes.TeamMembers).GetInterfaces());
        Assert.DoesNotContain(typeof(FgaTypes.DocumentEditors).GetInterfaces(), i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IFgaGrantableTo<>));
    }

    [Fact]
    public void Computed_relations_have_check_but_no_writes()
    {
        var methods = typeof(FgaTypes.DocumentCanView).GetMethods(BindingFlags.Public | BindingFlags.Instance).Select(m => m.Name).ToHashSet();
        Assert.Contains("Check", methods);
        Assert.DoesNotContain("Grant", methods);
        Assert.DoesNotContain("Revoke", methods);
        Assert.DoesNotContain("GrantNow", methods);
        Assert.DoesNotContain("RevokeNow", methods);
    }

    [Fact]
    public void Subjects_implement_the_markers_of_exactly_the_relations_that_list_them()
    {
        Assert.True(typeof(IFgaGrantableTo<FgaTypes.DocumentViewers>).IsAssignableFrom(typeof(FgaTypes.User)));
        Assert.True(typeof(IFgaGrantableTo<FgaTypes.DocumentViewers>).IsAssignableFrom(typeof(FgaTypes.AnyUser)));
        Assert.True(typeof(IFgaGrantableTo<FgaTypes.DocumentViewers>).IsAssignableFrom(typeof(FgaTypes.TeamMembers)));
        Assert.True(typeof(IFgaGrantableTo<FgaTypes.DocumentViewers, FgaTypes.NonExpiredCondition>).IsAssignableFrom(typeof(FgaTypes.User)));
        Assert.False(typeof(IFgaGrantableTo<FgaTypes.DocumentViewers, FgaTypes.NonExpiredCondition>).IsAssignableFrom(typeof(FgaTypes.AnyUser)));
        Assert.False(typeof(IFgaSubjectOf<FgaTypes.DocumentViewers>).IsAssignableFrom(typeof(FgaTypes.Folder)));
        Assert.False(typeof(IFgaSubjectOf<FgaTypes.DocumentEditors>).IsAssignableFrom(typeof(FgaTypes.AnyUser)));
        Assert.False(typeof(IFgaSubjectOf<FgaTypes.DocumentOwners>).IsAssignableFrom(typeof(FgaTypes.TeamMembers)));
    }

    [Fact]
    public void Grants_are_constrained_to_the_relation_markers()
    {
        var grants = typeof(FgaTypes.DocumentViewers).GetMethods()
            .Where(m => m.Name == "Grant")
            .Select(m => string.Join(",", m.GetParameters().Select(p => p.ParameterType.Name)) + " where " + string.Join(",", m.GetGenericArguments().Single().GetGenericParameterConstraints().Select(Describe)))
            .Order(StringComparer.Ordinal);
        Assert.Equal(
            [
                "TSubject,CancellationToken where IFgaGrantableTo<DocumentViewers>",
                "TSubject,NonExpiredCondition,CancellationToken where IFgaGrantableTo<DocumentViewers,NonExpiredCondition>",
            ],
            grants);
        var revoke = typeof(FgaTypes.DocumentViewers).GetMethod("Revoke")!;
        Assert.Equal("IFgaSubjectOf<DocumentViewers>", Describe(revoke.GetGenericArguments().Single().GetGenericParameterConstraints().Single()));
    }

    [Fact]
    public void Objects_describe_themselves()
    {
        var document = Fga.Document("roadmap");
        Assert.Equal(("document", "roadmap", "document:roadmap"), (document.Type, document.Id, document.Subject));
        Assert.Equal("document:roadmap", document.ToString());
        Assert.Equal(Fga.Document("roadmap"), document);
        Assert.NotEqual(Fga.Document("other"), document);
    }

    [Fact]
    public void A_default_object_fails_clearly()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => default(FgaTypes.Document).Id);
        Assert.Contains("default", exception.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => default(FgaTypes.DocumentEditors).Grant(Fga.User("anne")));
    }

    private static string Describe(Type type) =>
        type.IsGenericType ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(",", type.GetGenericArguments().Select(a => a.Name))}>" : type.Name;
}
