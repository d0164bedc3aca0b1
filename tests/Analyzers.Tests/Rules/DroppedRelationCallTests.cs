using Verify = TypedFga.Analyzers.Tests.Infrastructure.FgaAnalyzerTest<TypedFga.Analyzers.Rules.DroppedRelationCallAnalyzer>;

namespace TypedFga.Analyzers.Tests.Rules;

public sealed class DroppedRelationCallTests
{
    [Fact]
    public Task A_dropped_grant_is_reported_as_an_unacknowledged_write() =>
        Verify.VerifyAsync(/* lang=c#-test */ """
            class C
            {
                void M()
                {
                    {|#0:Fga.Document("roadmap").Editors.Grant(Fga.User("anne"))|};
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("Grant", "the write may never be acknowledged and its failure goes unseen"));

    [Fact]
    public Task A_dropped_check_is_reported_as_an_unread_answer() =>
        Verify.VerifyAsync(/* lang=c#-test */ """
            class C
            {
                async Task M()
                {
                    {|#0:Fga.Document("roadmap").Viewers.Check(Fga.User("anne"))|};
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("Check", "the answer is never read"));

    [Fact]
    public Task Every_relation_call_is_covered_including_ConfigureAwait_chains_and_lambdas() =>
        Verify.VerifyAsync(/* lang=c#-test */ """
            class C
            {
                void M()
                {
                    var anne = Fga.User("anne");
                    var owners = Fga.Document("roadmap").Owners;
                    {|FGA2002:owners.GrantNow(anne)|};
                    {|FGA2002:owners.RevokeNow(anne)|};
                    {|FGA2002:Fga.Document("roadmap").Editors.Revoke(anne)|};
                    {|FGA2002:owners.GrantNow(anne).ConfigureAwait(false)|};
                    {|FGA2002:owners.GrantNow(anne).AsTask()|};
                    Action later = () => {|FGA2002:owners.RevokeNow(anne)|};
                }
            }
            """);

    [Fact]
    public Task Dropped_queries_are_reported_as_unread_answers() =>
        Verify.VerifyAsync(/* lang=c#-test */ """
            class C
            {
                async Task M()
                {
                    var anne = Fga.User("anne");
                    {|#0:Fga.Documents.WhereViewer(anne)|};
                    {|#1:Fga.Document("roadmap").Viewers.Users<App.FgaTypes.User>()|};
                    {|#2:Fga.Document("roadmap").Viewers.Expand()|};
                    {|#3:Fga.BatchCheck(Fga.Document("roadmap").Viewers.For(anne))|};
                    {|#4:Fga.Using(null!).Folders.WithConsistency(TypedFga.FgaConsistency.HigherConsistency).WhereOwner(anne).ConfigureAwait(false)|};
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("WhereViewer", "the answer is never read"),
            Verify.Diagnostic().WithLocation(1).WithArguments("Users", "the answer is never read"),
            Verify.Diagnostic().WithLocation(2).WithArguments("Expand", "the answer is never read"),
            Verify.Diagnostic().WithLocation(3).WithArguments("BatchCheck", "the answer is never read"),
            Verify.Diagnostic().WithLocation(4).WithArguments("WhereOwner", "the answer is never read"));

    [Fact]
    public Task Awaited_and_streamed_queries_are_not_reported() =>
        Verify.VerifyAsync(/* lang=c#-test */ """
            class C
            {
                async Task<int> M()
                {
                    var anne = Fga.User("anne");
                    var documents = await Fga.Documents.WhereViewer(anne);
                    var users = await Fga.Document("roadmap").Viewers.Users<App.FgaTypes.User>();
                    Fga.Documents.StreamWhereViewer(anne);
                    Fga.Document("roadmap").ReadTuples();
                    _ = Fga.BatchCheck(Fga.Document("roadmap").Viewers.For(anne));
                    return documents.Count + users.Count;
                }
            }
            """);

    [Fact]
    public Task Awaited_stored_returned_and_discarded_calls_are_not_reported() =>
        Verify.VerifyAsync(/* lang=c#-test */ """
            class C
            {
                async Task<bool> M()
                {
                    var anne = Fga.User("anne");
                    await Fga.Document("roadmap").Editors.Grant(anne);
                    await Fga.Document("roadmap").Editors.Grant(anne).ConfigureAwait(false);
                    var pending = Fga.Document("roadmap").Editors.Revoke(anne);
                    await pending;
                    _ = Fga.Document("roadmap").Editors.Grant(anne);
                    Func<ValueTask> later = () => Fga.Document("roadmap").Editors.Revoke(anne);
                    await later();
                    return await Fga.Document("roadmap").Viewers.Check(anne);
                }

                ValueTask Forward() => Fga.Document("roadmap").Editors.Grant(Fga.User("bob"));
            }
            """);

    [Fact]
    public Task Dropped_value_tasks_of_other_apis_are_not_reported() =>
        Verify.VerifyAsync(/* lang=c#-test */ """
            class C
            {
                static ValueTask Other() => default;

                void M(TypedFga.IFgaClient client)
                {
                    Other();
                    client.GrantAsync(new TypedFga.TupleKey("user:anne", "editor", "document:roadmap"));
                }
            }
            """);
}
