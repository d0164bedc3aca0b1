extern alias generator;

using generator::TypedFga.Generator.Naming;

namespace TypedFga.Generator.Tests.Naming;

public sealed class PluralizerTests
{
    [Theory]
    [InlineData("editor", "editors")]
    [InlineData("member", "members")]
    [InlineData("parent", "parents")]
    [InlineData("child", "children")]
    [InlineData("policy", "policies")]
    [InlineData("owner", "owners")]
    [InlineData("viewer", "viewers")]
    [InlineData("reader", "readers")]
    [InlineData("category", "categories")]
    [InlineData("key", "keys")]
    [InlineData("boss", "bosses")]
    [InlineData("box", "boxes")]
    [InlineData("branch", "branches")]
    [InlineData("status", "statuses")]
    [InlineData("person", "people")]
    [InlineData("repo", "repos")]
    [InlineData("assignee", "assignees")]
    [InlineData("table", "tables")]
    public void Nouns_become_plural(string word, string expected) => Assert.Equal(expected, Pluralizer.Pluralize(word));

    [Theory]
    [InlineData("members")]
    [InlineData("users")]
    [InlineData("children")]
    [InlineData("people")]
    [InlineData("view")]
    [InlineData("edit")]
    [InlineData("blocked")]
    [InlineData("allowed")]
    [InlineData("viewable")]
    [InlineData("public")]
    [InlineData("pending")]
    [InlineData("data")]
    [InlineData("staff")]
    [InlineData("relation1")]
    public void Plurals_verbs_and_adjectives_stay(string word) => Assert.Equal(word, Pluralizer.Pluralize(word));

    [Fact]
    public void Casing_of_the_word_is_kept() => Assert.Equal("Children", Pluralizer.Pluralize("Child"));
}
