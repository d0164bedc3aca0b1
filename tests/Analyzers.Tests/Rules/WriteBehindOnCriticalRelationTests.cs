using TypedFga.Analyzers.Rules;
using TypedFga.Analyzers.Tests.Infrastructure;
using Verify = TypedFga.Analyzers.Tests.Infrastructure.FgaAnalyzerTest<TypedFga.Analyzers.Rules.WriteBehindOnCriticalRelationAnalyzer>;

namespace TypedFga.Analyzers.Tests.Rules;

public sealed class WriteBehindOnCriticalRelationTests
{
    [Fact]
    public Task Grant_on_a_critical_relation_is_reported_with_the_relation_name() =>
        Verify.VerifyAsync(/* lang=c#-test */ """
            class C
            {
                async Task M()
                {
                    await Fga.Document("roadmap").Owners.{|#0:Grant|}(Fga.User("anne"));
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0)
                .WithArguments("Grant", "document#owner", "GrantNow"));

    [Fact]
    public Task Revoke_on_a_critical_relation_is_reported() =>
        Verify.VerifyAsync(/* lang=c#-test */ """
            class C
            {
                async Task M()
                {
                    await Fga.Folder("plans").Owners.{|FGA2001:Revoke|}(Fga.User("anne"));
                }
            }
            """);

    [Fact]
    public Task Relations_of_a_critical_type_are_reported() =>
        Verify.VerifyAsync(/* lang=c#-test */ """
            class C
            {
                async Task M()
                {
                    await Fga.AuditLog("2024").Readers.{|FGA2001:Grant|}(Fga.User("anne"));
                }
            }
            """);

    [Fact]
    public Task A_relation_held_in_a_local_and_a_client_view_are_reported() =>
        Verify.VerifyAsync(/* lang=c#-test */ """
            class C
            {
                async Task M(TypedFga.IFgaClient client)
                {
                    var owners = Fga.Document("roadmap").Owners;
                    await owners.{|FGA2001:Revoke|}(Fga.User("anne"));
                    await Fga.Using(client).Document("roadmap").Owners.{|FGA2001:Grant|}(Fga.User("bob"));
                }
            }
            """);

    [Fact]
    public Task A_method_group_of_write_behind_on_a_critical_relation_is_reported() =>
        Verify.VerifyAsync(/* lang=c#-test */ """
            class C
            {
                void M()
                {
                    Func<App.FgaTypes.User, CancellationToken, ValueTask> grant = Fga.Document("roadmap").Owners.{|FGA2001:Grant|};
                }
            }
            """);

    [Fact]
    public Task Write_through_and_checks_on_critical_relations_and_write_behind_elsewhere_are_not_reported() =>
        Verify.VerifyAsync(/* lang=c#-test */ """
            class C
            {
                async Task M()
                {
                    var anne = Fga.User("anne");
                    await Fga.Document("roadmap").Owners.GrantNow(anne);
                    await Fga.Document("roadmap").Owners.RevokeNow(anne);
                    _ = await Fga.Document("roadmap").Owners.Check(anne);
                    await Fga.Document("roadmap").Editors.Grant(anne);
                    await Fga.Document("roadmap").Editors.Revoke(anne);
                    await Fga.Document("roadmap").Viewers.Grant(anne, new App.FgaTypes.NonExpiredCondition(grantTime: DateTimeOffset.UnixEpoch, grantDuration: TimeSpan.FromHours(1)));
                }
            }
            """);

    [Fact]
    public Task Methods_named_Grant_outside_the_generated_api_are_not_reported() =>
        Verify.VerifyAsync(/* lang=c#-test */ """
            [TypedFga.Typed.FgaCritical("document#owner")]
            struct Lookalike
            {
                public ValueTask Grant(string subject) => default;
            }

            class C
            {
                async Task M() => await new Lookalike().Grant("user:anne");
            }
            """);

    [Fact]
    public async Task Nothing_is_reported_when_the_compilation_does_not_reference_TypedFga()
    {
        var test = new FgaAnalyzerTest<WriteBehindOnCriticalRelationAnalyzer>(/* lang=c#-test */ """
            struct Owners
            {
                public System.Threading.Tasks.ValueTask Grant(string subject) => default;
            }

            class C
            {
                async System.Threading.Tasks.Task M() => await new Owners().Grant("user:anne");
            }
            """, withRuntime: false);
        await test.RunAsync();
    }
}
