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
    public void Only_relations_used_as_usersets_are_subjects()
    {
        Assert.True(typeof(IFgaSubject).IsAssignableFrom(typeof(FgaTypes.TeamMembers)));
        Assert.False(typeof(IFgaSubject).IsAssignableFrom(typeof(FgaTypes.DocumentEditors)));
        Assert.Equal("team:eng#member", Fga.Team("eng").Members.Subject);
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
    public void Grant_overloads_follow_the_type_restriction()
    {
        var subjects = typeof(FgaTypes.DocumentViewers).GetMethods()
            .Where(m => m.Name == "Grant")
            .Select(m => string.Join(",", m.GetParameters().Select(p => p.ParameterType.Name)))
            .Order(StringComparer.Ordinal);
        Assert.Equal(
            [
                "AnyUser,CancellationToken",
                "TeamMembers,CancellationToken",
                "User,CancellationToken",
                "User,NonExpiredCondition,CancellationToken",
            ],
            subjects);
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
}
