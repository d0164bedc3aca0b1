using TypedFga.Tests;
using TypedFga.Validation;
using Xunit.Abstractions;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace TypedFga.Runtime.Tests.Validation;

public sealed class TupleValidatorTests(ITestOutputHelper output)
{
    [SharedDataFact]
    public void Object_ids_follow_OpenFGAs_shared_validation_cases()
    {
        var path = SharedData.Locate("language/object-id-validation-cases.yaml", output);
        if (path is null)
        {
            return;
        }

        var cases = new DeserializerBuilder()
            .WithNamingConvention(UnderscoredNamingConvention.Instance)
            .Build()
            .Deserialize<List<ObjectIdCase>>(File.ReadAllText(path));

        Assert.NotEmpty(cases);
        foreach (var testCase in cases)
        {
            Assert.True(testCase.Valid == TupleValidator.IsValidObjectId(testCase.ObjectId), $"{testCase.Name}: '{testCase.ObjectId}'");
            var problem = TupleValidator.FindProblem(new TupleKey("user:anne", "viewer", $"document:{testCase.ObjectId}"));
            Assert.True(testCase.Valid == (problem is null), $"{testCase.Name}: {problem}");
        }

        output.WriteLine($"{cases.Count} object-id cases checked.");
    }

    [Theory]
    [InlineData("user:anne")]
    [InlineData("user:*")]
    [InlineData("team:eng#member")]
    [InlineData("user:anne@example.com")]
    [InlineData("folder:a/b/c")]
    public void Valid_users_pass(string user) => Assert.Null(TupleValidator.FindProblem(new TupleKey(user, "viewer", "document:1")));

    [Theory]
    [InlineData("", "user is empty")]
    [InlineData("anne", "form 'type:id'")]
    [InlineData("user:", "id ''")]
    [InlineData("user:an ne", "id 'an ne'")]
    [InlineData("user:*#member", "id '*'")]
    [InlineData("team:eng#", "relation ''")]
    [InlineData("team:eng#mem ber", "relation 'mem ber'")]
    [InlineData(":anne", "type ''")]
    public void Invalid_users_are_reported(string user, string expected)
    {
        var problem = TupleValidator.FindProblem(new TupleKey(user, "viewer", "document:1"));
        Assert.NotNull(problem);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("document", "form 'type:id'")]
    [InlineData("document:*", "may not start with '*'")]
    [InlineData("doc#x:1", "type 'doc#x'")]
    [InlineData("", "object is empty")]
    public void Invalid_objects_are_reported(string @object, string expected)
    {
        var problem = TupleValidator.FindProblem(new TupleKey("user:anne", "viewer", @object));
        Assert.NotNull(problem);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Lengths_are_limited_as_OpenFGA_limits_them()
    {
        var longestObject = "document:" + new string('a', TupleValidator.MaxObjectLength - "document:".Length);
        Assert.Null(TupleValidator.FindProblem(new TupleKey("user:anne", "viewer", longestObject)));
        Assert.Contains("256", TupleValidator.FindProblem(new TupleKey("user:anne", "viewer", longestObject + "a")), StringComparison.Ordinal);

        var longestUser = "user:" + new string('b', TupleValidator.MaxUserBytes - "user:".Length);
        Assert.Null(TupleValidator.FindProblem(new TupleKey(longestUser, "viewer", "document:1")));
        Assert.Contains("512 are allowed", TupleValidator.FindProblem(new TupleKey(longestUser + "é", "viewer", "document:1")), StringComparison.Ordinal);

        Assert.Null(TupleValidator.FindProblem(new TupleKey("user:anne", new string('r', 50), "document:1")));
        Assert.NotNull(TupleValidator.FindProblem(new TupleKey("user:anne", new string('r', 51), "document:1")));
        Assert.NotNull(TupleValidator.FindProblem(new TupleKey("user:anne", "can view", "document:1")));
        Assert.NotNull(TupleValidator.FindProblem(new TupleKey("user:anne", "viewer", "document:1", new RelationshipCondition("x"))));
        Assert.Null(TupleValidator.FindProblem(new TupleKey("user:anne", "viewer", "document:1", new RelationshipCondition("in_hours"))));
    }

    [Fact]
    public void Validate_throws_an_ArgumentException_naming_the_tuple_and_the_rule()
    {
        var error = Assert.Throws<ArgumentException>(() => TupleValidator.Validate(new TupleKey("user:anne", "viewer", "document:a,b"), "grant"));

        Assert.Equal("grant", error.ParamName);
        Assert.Contains("'document:a,b#viewer@user:anne'", error.Message, StringComparison.Ordinal);
        Assert.Contains("letters, digits", error.Message, StringComparison.Ordinal);
    }

    private sealed class ObjectIdCase
    {
        public string Name { get; set; } = "";

        public string ObjectId { get; set; } = "";

        public bool Valid { get; set; }
    }
}
