extern alias generator;

using generator::TypedFga.Generator.Naming;

namespace TypedFga.Generator.Tests.Naming;

public sealed class IdentifiersTests
{
    [Theory]
    [InlineData("editor", "Editors")]
    [InlineData("member", "Members")]
    [InlineData("parent", "Parents")]
    [InlineData("child", "Children")]
    [InlineData("policy", "Policies")]
    [InlineData("owner", "Owners")]
    [InlineData("viewer", "Viewers")]
    [InlineData("reader", "Readers")]
    [InlineData("can_view", "CanView")]
    [InlineData("is_public", "IsPublic")]
    [InlineData("has_access", "HasAccess")]
    [InlineData("may_delete", "MayDelete")]
    [InlineData("should_notify", "ShouldNotify")]
    [InlineData("transfer_limit_policy", "TransferLimitPolicies")]
    [InlineData("parent_workspace", "ParentWorkspaces")]
    [InlineData("repo-admin", "RepoAdmins")]
    [InlineData("members", "Members")]
    [InlineData("view", "View")]
    [InlineData("blocked", "Blocked")]
    [InlineData("relation1", "Relation1")]
    public void Relation_property_names(string relation, string expected) =>
        Assert.Equal(expected, Identifiers.ToRelationPropertyName(relation));

    [Theory]
    [InlineData("document", "Document")]
    [InlineData("audit_log", "AuditLog")]
    [InlineData("asset-category", "AssetCategory")]
    [InlineData("acme.org/team", "AcmeOrgTeam")]
    [InlineData("repoAdmin", "RepoAdmin")]
    [InlineData("2fa_device", "_2faDevice")]
    [InlineData("class", "Class")]
    [InlineData("__", "_")]
    [InlineData("gruppe$ä", "GruppeÄ")]
    public void Type_names_become_valid_pascal_case_identifiers(string name, string expected) =>
        Assert.Equal(expected, Identifiers.ToPascalCase(name));

    [Theory]
    [InlineData("grant_time", "grantTime")]
    [InlineData("_int", "@int")]
    [InlineData("string", "@string")]
    [InlineData("event", "@event")]
    [InlineData("value", "value")]
    [InlineData("user_ip", "userIp")]
    public void Parameter_names_are_camel_case_and_escape_keywords(string name, string expected) =>
        Assert.Equal(expected, Identifiers.ToParameterName(name));

    [Theory]
    [InlineData("App", true)]
    [InlineData("My.App.Authorization", true)]
    [InlineData("My..App", false)]
    [InlineData("My.class", false)]
    [InlineData("1App", false)]
    [InlineData("", false)]
    public void Namespaces_are_validated(string value, bool valid) => Assert.Equal(valid, Identifiers.IsValidNamespace(value));
}
