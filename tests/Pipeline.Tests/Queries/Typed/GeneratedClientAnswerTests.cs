using TypedFga.Tests.Conformance;

namespace TypedFga.Pipeline.Tests.Queries.Typed;

/// <summary>
/// The typed conformance run compares strings, so this proves what it converts from: the answers of the generated
/// <c>Where...</c> and <c>Users&lt;TKind&gt;()</c> are values of the generated types, not strings passed through.
/// </summary>
public sealed class GeneratedClientAnswerTests
{
    private const string Model = """
        model
          schema 1.1
        type user
        type team
          relations
            define member: [user]
        type document
          relations
            define viewer: [user, user:*, team#member]
        """;

    [Fact]
    public async Task Typed_answers_are_values_of_the_generated_types()
    {
        var typed = new TypedQueryDriver();
        await using var target = new WriteBehindConformanceTarget(server: null, typed);
        var store = await target.CreateStoreAsync("typed-answers");
        var model = await target.WriteModelAsync(store, typed.RememberingModelText(WriteBehindConformanceTests.CompileToJson)(Model));
        await target.WriteTuplesAsync(store, model.Value!,
        [
            new("user:anne", "viewer", "document:roadmap"),
            new("user:*", "viewer", "document:roadmap"),
            new("team:eng#member", "viewer", "document:roadmap"),
        ]);
        var generated = GeneratedClientCompiler.Get(Model).Client!.Assembly;

        var documents = await typed.ListObjectsCall("document", "viewer", "user:anne", null, [])!();
        var users = await typed.ListUsersCall("document:roadmap", "viewer", "user", null, [])!();
        var teams = await typed.ListUsersCall("document:roadmap", "viewer", "team#member", null, [])!();

        AssertGenerated(documents, "Document", generated, "document:roadmap");
        AssertGenerated(users, "User", generated, "user:anne");
        Assert.Equal("user", users.EveryoneOfType);
        Assert.Equal(["user:anne", "user:*"], users.ToStrings());
        AssertGenerated(teams, "TeamMembers", generated, "team:eng#member");
        Assert.Equal(3, typed.ListObjects.Typed + typed.ListUsers.Typed);
    }

    private static void AssertGenerated(TypedAnswer answer, string typeName, System.Reflection.Assembly generated, string subject)
    {
        var value = Assert.Single(answer.Values);
        Assert.IsNotType<string>(value);
        Assert.Same(generated, value.GetType().Assembly);
        Assert.Equal(typeName, value.GetType().Name);
        Assert.Equal(subject, value.ToString());
    }
}
