using TypedFga.Analyzers.Rules;
using TypedFga.Analyzers.Tests.Infrastructure;
using Verify = TypedFga.Analyzers.Tests.Infrastructure.FgaAnalyzerTest<TypedFga.Analyzers.Rules.MissingConditionContextAnalyzer>;

namespace TypedFga.Analyzers.Tests.Rules;

public sealed class MissingConditionContextTests
{
    private const string GrantWithoutCurrentTime = /* lang=c#-test */ """
        class Grants
        {
            async Task Share(App.FgaTypes.User user) =>
                await Fga.Document("roadmap").Viewers.Grant(user, new App.FgaTypes.NonExpiredCondition(grantTime: DateTimeOffset.UnixEpoch, grantDuration: TimeSpan.FromDays(1)));
        }

        """;

    [Fact]
    public Task A_check_without_the_parameter_the_grant_leaves_out_is_reported() =>
        Verify.VerifyAsync(GrantWithoutCurrentTime + /* lang=c#-test */ """
            class Checks
            {
                async Task<bool> Read(App.FgaTypes.User user) => await {|#0:Fga.Document("roadmap").Viewers.Check(user)|};
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("document#viewer", "current_time", "non_expired"));

    [Fact]
    public Task Every_parameter_missing_from_both_sides_is_reported() =>
        Verify.VerifyAsync(/* lang=c#-test */ """
            class C
            {
                async Task<bool> M(App.FgaTypes.User user)
                {
                    await Fga.Document("roadmap").Viewers.GrantNow(user, new App.FgaTypes.NonExpiredCondition(grantTime: null, grantDuration: TimeSpan.FromDays(1)));
                    return await {|#0:Fga.Document("roadmap").Viewers.Check(user, new Dictionary<string, object?> { ["current_time"] = DateTimeOffset.UtcNow })|}
                        && await {|#1:Fga.Document("roadmap").Viewers.Check(user, null)|};
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("document#viewer", "grant_time", "non_expired"),
            Verify.Diagnostic().WithLocation(1).WithArguments("document#viewer", "current_time", "non_expired"),
            Verify.Diagnostic().WithLocation(1).WithArguments("document#viewer", "grant_time", "non_expired"));

    [Fact]
    public Task Checks_whose_context_or_grants_supply_every_parameter_are_not_reported() =>
        Verify.VerifyAsync(GrantWithoutCurrentTime + /* lang=c#-test */ """
            class Checks
            {
                async Task<bool> Read(App.FgaTypes.User user, IReadOnlyDictionary<string, object?> fromCaller)
                {
                    var now = new Dictionary<string, object?> { { "current_time", DateTimeOffset.UtcNow } };
                    return await Fga.Document("roadmap").Viewers.Check(user, new Dictionary<string, object?> { ["current_time"] = DateTimeOffset.UtcNow })
                        && await Fga.Document("roadmap").Viewers.Check(user, new Dictionary<string, object?> { { "current_time", DateTimeOffset.UtcNow } })
                        && await Fga.Document("roadmap").Viewers.Check(user, now)
                        && await Fga.Document("roadmap").Viewers.Check(user, fromCaller)
                        && await Fga.Document("roadmap").Editors.Check(user);
                }
            }
            """);

    [Fact]
    public Task A_condition_built_elsewhere_counts_as_supplying_every_parameter() =>
        Verify.VerifyAsync(/* lang=c#-test */ """
            class C
            {
                async Task<bool> M(App.FgaTypes.User user, App.FgaTypes.NonExpiredCondition condition)
                {
                    await Fga.Document("roadmap").Viewers.Grant(user, condition);
                    return await Fga.Document("roadmap").Viewers.Check(user);
                }
            }
            """);

    [Fact]
    public Task Relations_never_granted_with_a_condition_in_the_project_are_not_judged() =>
        Verify.VerifyAsync(/* lang=c#-test */ """
            class C
            {
                async Task<bool> M(App.FgaTypes.User user)
                {
                    await Fga.Document("roadmap").Viewers.Grant(user);
                    return await Fga.Document("roadmap").Viewers.Check(user);
                }
            }
            """);

    [Theory]
    [InlineData("grantTime", "grant_time")]
    [InlineData("current_time", "current_time")]
    [InlineData("@event", "event")]
    [InlineData("ipV4Address", "ip_v4_address")]
    public void Parameter_names_map_to_model_names(string parameter, string model)
    {
        Assert.Equal(model, ConditionParameters.ToModelName(parameter));
        Assert.Equal(ConditionParameters.Normalize(model), ConditionParameters.Normalize(parameter));
    }
}
