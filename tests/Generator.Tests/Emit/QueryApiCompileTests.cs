using Microsoft.CodeAnalysis;
using TypedFga.Generator.Tests.Support;
using static TypedFga.Generator.Tests.Support.ModelFactory;

namespace TypedFga.Generator.Tests.Emit;

/// <summary>What the typed queries accept and return, proved by compiling snippets against the sample model's client.</summary>
public sealed class QueryApiCompileTests
{
    [Fact]
    public void Every_query_kind_compiles_with_typed_results()
    {
        var problems = Compile("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using TypedFga;
            using TypedFga.Typed;
            namespace App;
            internal static class Usage
            {
                public static async Task Run(IFgaClient client)
                {
                    // Exact types: ValueTask<T> converts to no other ValueTask<U>.
                    ValueTask<IReadOnlyList<FgaTypes.Document>> listed = Fga.Documents.WhereCanView(Fga.User("anne"));
                    IAsyncEnumerable<FgaTypes.Document> streamed = Fga.Using(client).Documents.WithConsistency(FgaConsistency.HigherConsistency).StreamWhereEditor(Fga.Team("eng").Members);
                    ValueTask<IReadOnlyList<FgaTypes.Folder>> parents = Fga.Folders.WhereParent(Fga.Folder("root"));
                    FgaUserList<FgaTypes.User> users = await Fga.Document(456).CanEdit.Users<FgaTypes.User>();
                    FgaUserList<FgaTypes.TeamMembers> teams = await Fga.Document(456).Viewers.WithConsistency(FgaConsistency.HigherConsistency).Users<FgaTypes.TeamMembers>();
                    FgaUserList<FgaTypes.Folder> folders = await Fga.Document(456).Parents.Users<FgaTypes.Folder>();
                    // The usersets on the rewrite's path: the parent's viewers, the document's editors, the relation itself.
                    FgaUserList<FgaTypes.FolderViewers> parentViewers = await Fga.Document(456).Viewers.Users<FgaTypes.FolderViewers>();
                    FgaUserList<FgaTypes.DocumentEditors> editors = await Fga.Document(456).CanView.Users<FgaTypes.DocumentEditors>();
                    FgaUserList<FgaTypes.DocumentParents> itself = await Fga.Document(456).Parents.Users<FgaTypes.DocumentParents>();
                    FgaTypes.FolderOwners owners = (await Fga.Document(456).CanPublish.Users<FgaTypes.FolderOwners>())[0];
                    string userset = owners.Subject;
                    FgaTypes.User first = users[0];
                    bool everyone = users.IncludesEveryone;
                    FgaCheck check = Fga.Document(1).CanView.For(Fga.User("anne"));
                    FgaBatchCheckResult result = await Fga.BatchCheck(check, Fga.Document(2).Editors.For(Fga.Team("eng").Members));
                    result = await Fga.Using(client).BatchCheck(new List<FgaCheck> { check });
                    bool allowed = result[check] && result[0] && result.AllAllowed;
                    IAsyncEnumerable<FgaTuple<FgaTypes.Document>> tuples = Fga.Document(1).ReadTuples();
                    await foreach (var tuple in Fga.Document(1).Viewers.ReadTuples())
                    {
                        FgaTypes.Document document = tuple.Object;
                        FgaParsedSubject user = tuple.User;
                    }

                    FgaExpandNode tree = await Fga.Document(1).CanView.Expand();
                }
            }
            """);
        Assert.True(problems.IsEmpty, TestCompiler.Describe(problems));
    }

    // CS0315: the user kind does not implement the relation's IFgaUserOf marker (the model cannot relate it).
    [Theory]
    [InlineData("Fga.Document(\"d\").CanEdit.Users<FgaTypes.Folder>()", "CS0315")]
    [InlineData("Fga.Document(\"d\").Owners.Users<FgaTypes.TeamMembers>()", "CS0315")]
    [InlineData("Fga.Document(\"d\").Parents.Users<FgaTypes.User>()", "CS0315")]
    [InlineData("Fga.Document(\"d\").Blocked.Users<FgaTypes.TeamMembers>()", "CS0315")]
    [InlineData("Fga.Team(\"t\").Maintainers.Users<FgaTypes.Document>()", "CS0315")]
    // Only the base of `but not` is walked, and a tupleset is read for its objects, never answered as a userset.
    [InlineData("Fga.Document(\"d\").CanView.Users<FgaTypes.DocumentBlocked>()", "CS0315")]
    [InlineData("Fga.Document(\"d\").Viewers.Users<FgaTypes.DocumentParents>()", "CS0315")]
    [InlineData("Fga.Document(\"d\").Viewers.Users<FgaTypes.FolderParents>()", "CS0315")]
    [InlineData("Fga.Document(\"d\").Editors.Users<FgaTypes.FolderViewers>()", "CS0315")]
    [InlineData("Fga.Folder(\"f\").Viewers.Users<FgaTypes.DocumentViewers>()", "CS0315")]
    // The wildcard is not a user kind: it comes back as IncludesEveryone.
    [InlineData("Fga.Document(\"d\").Viewers.Users<FgaTypes.AnyUser>()", "CS0315")]
    public void A_list_users_query_the_model_cannot_answer_does_not_compile(string call, string expectedError)
    {
        var problems = Compile($$"""
            namespace App;
            internal static class Usage
            {
                public static object Run() => {{call}};
            }
            """);
        Assert.Contains(problems, d => d.Id == expectedError && d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void List_objects_results_are_not_strings()
    {
        var problems = Compile("""
            namespace App;
            internal static class Usage
            {
                public static async System.Threading.Tasks.Task<string> Run() => (await Fga.Documents.WhereCanView(Fga.User("anne")))[0];
            }
            """);
        Assert.Contains(problems, d => d.Id == "CS0029" && d.Severity == DiagnosticSeverity.Error);
    }

    private static System.Collections.Immutable.ImmutableArray<Diagnostic> Compile(string snippet) =>
        TestCompiler.Problems(TestCompiler.Create([.. Emission.Emit(Sample()), ("Usage.cs", snippet)]));
}
