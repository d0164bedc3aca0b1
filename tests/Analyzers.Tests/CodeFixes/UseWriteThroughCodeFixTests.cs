using Verify = TypedFga.Analyzers.Tests.Infrastructure.FgaCodeFixTest<
    TypedFga.Analyzers.Rules.WriteBehindOnCriticalRelationAnalyzer,
    TypedFga.Analyzers.CodeFixes.UseWriteThroughCodeFixProvider>;

namespace TypedFga.Analyzers.Tests.CodeFixes;

public sealed class UseWriteThroughCodeFixTests
{
    [Fact]
    public Task Grant_and_Revoke_become_GrantNow_and_RevokeNow() =>
        Verify.VerifyAsync(/* lang=c#-test */ """
            class C
            {
                async Task M(CancellationToken cancellationToken)
                {
                    var anne = Fga.User("anne");
                    await Fga.Document("roadmap").Owners.{|FGA2001:Grant|}(anne, cancellationToken);
                    await Fga.Document("roadmap").Owners /* keep */ .{|FGA2001:Revoke|}(anne);
                    Func<App.FgaTypes.User, CancellationToken, ValueTask> grant = Fga.Folder("plans").Owners.{|FGA2001:Grant|};
                }
            }
            """, /* lang=c#-test */ """
            class C
            {
                async Task M(CancellationToken cancellationToken)
                {
                    var anne = Fga.User("anne");
                    await Fga.Document("roadmap").Owners.GrantNow(anne, cancellationToken);
                    await Fga.Document("roadmap").Owners /* keep */ .RevokeNow(anne);
                    Func<App.FgaTypes.User, CancellationToken, ValueTask> grant = Fga.Folder("plans").Owners.GrantNow;
                }
            }
            """);

    [Fact]
    public async Task Fix_all_rewrites_every_document_of_the_project()
    {
        var test = new Verify(/* lang=c#-test */ """
            class A
            {
                async Task M() => await Fga.AuditLog("2024").Readers.{|FGA2001:Grant|}(Fga.User("anne"));
            }
            """, /* lang=c#-test */ """
            class A
            {
                async Task M() => await Fga.AuditLog("2024").Readers.GrantNow(Fga.User("anne"));
            }
            """);
        test.TestState.Sources.Add(("B.cs", Infrastructure.TestModel.Usings + /* lang=c#-test */ """
            class B
            {
                async Task M()
                {
                    await Fga.Document("a").Owners.{|FGA2001:Revoke|}(Fga.User("anne"));
                    await Fga.Document("b").Owners.{|FGA2001:Grant|}(Fga.User("bob"));
                }
            }
            """));
        test.FixedState.Sources.Add(("B.cs", Infrastructure.TestModel.Usings + /* lang=c#-test */ """
            class B
            {
                async Task M()
                {
                    await Fga.Document("a").Owners.RevokeNow(Fga.User("anne"));
                    await Fga.Document("b").Owners.GrantNow(Fga.User("bob"));
                }
            }
            """));
        await test.RunAsync();
    }
}
