using Verify = TypedFga.Analyzers.Tests.Infrastructure.FgaCodeFixTest<
    TypedFga.Analyzers.Rules.DroppedRelationCallAnalyzer,
    TypedFga.Analyzers.CodeFixes.AddAwaitCodeFixProvider>;

namespace TypedFga.Analyzers.Tests.CodeFixes;

public sealed class AddAwaitCodeFixTests
{
    [Fact]
    public Task Await_is_added_in_an_async_method_and_an_async_lambda() =>
        Verify.VerifyAsync(/* lang=c#-test */ """
            class C
            {
                async Task M()
                {
                    // Grant first.
                    {|FGA2002:Fga.Document("roadmap").Editors.Grant(Fga.User("anne"))|};
                    Func<Task> later = async () => {|FGA2002:Fga.Document("roadmap").Editors.Revoke(Fga.User("anne")).ConfigureAwait(false)|};
                    await later();
                }
            }
            """, /* lang=c#-test */ """
            class C
            {
                async Task M()
                {
                    // Grant first.
                    await Fga.Document("roadmap").Editors.Grant(Fga.User("anne"));
                    Func<Task> later = async () => await Fga.Document("roadmap").Editors.Revoke(Fga.User("anne")).ConfigureAwait(false);
                    await later();
                }
            }
            """);

    [Fact]
    public Task A_void_method_becomes_async_Task_once_for_all_its_calls() =>
        Verify.VerifyAsync(/* lang=c#-test */ """
            class C
            {
                public void Share(App.FgaTypes.User user)
                {
                    {|FGA2002:Fga.Document("roadmap").Editors.Grant(user)|};
                    {|FGA2002:Fga.Document("roadmap").Viewers.Grant(user)|};
                }

                static void Local()
                {
                    void Inner() => {|FGA2002:Fga.Document("x").Owners.GrantNow(Fga.User("anne"))|};
                    Inner();
                }
            }
            """, /* lang=c#-test */ """
            class C
            {
                public async Task Share(App.FgaTypes.User user)
                {
                    await Fga.Document("roadmap").Editors.Grant(user);
                    await Fga.Document("roadmap").Viewers.Grant(user);
                }

                static void Local()
                {
                    async Task Inner() => await Fga.Document("x").Owners.GrantNow(Fga.User("anne"));
                    Inner();
                }
            }
            """);

    [Fact]
    public Task A_Task_method_returning_only_completed_tasks_becomes_async() =>
        Verify.VerifyAsync(/* lang=c#-test */ """
            class C
            {
                private Task Share(App.FgaTypes.User user, bool early)
                {
                    if (early)
                    {
                        return Task.CompletedTask;
                    }

                    {|FGA2002:Fga.Document("roadmap").Editors.Grant(user)|};
                    Func<Task> unrelated = () => { return Task.CompletedTask; };
                    return Task.CompletedTask;
                }
            }
            """, /* lang=c#-test */ """
            class C
            {
                private async Task Share(App.FgaTypes.User user, bool early)
                {
                    if (early)
                    {
                        return;
                    }

                    await Fga.Document("roadmap").Editors.Grant(user);
                    Func<Task> unrelated = () => { return Task.CompletedTask; };
                }
            }
            """);

    [Fact]
    public async Task No_fix_is_offered_where_async_would_break_the_code()
    {
        const string Source = /* lang=c#-test */ """
            interface IShare { void Share(); }

            class C : IShare
            {
                private readonly object _gate = new();

                public void Share() => {|FGA2002:Fga.Document("a").Editors.Grant(Fga.User("anne"))|};

                Task WithResult(Task other)
                {
                    {|FGA2002:Fga.Document("a").Editors.Grant(Fga.User("anne"))|};
                    return other;
                }

                void WithOut(out int value)
                {
                    value = 1;
                    {|FGA2002:Fga.Document("a").Editors.Grant(Fga.User("anne"))|};
                }

                async Task Locked()
                {
                    await Task.Yield();
                    lock (_gate)
                    {
                        {|FGA2002:Fga.Document("a").Editors.Grant(Fga.User("anne"))|};
                    }
                }

                void Lambda()
                {
                    Action act = () => {|FGA2002:Fga.Document("a").Editors.Grant(Fga.User("anne"))|};
                }

                int Property
                {
                    get
                    {
                        {|FGA2002:Fga.Document("a").Editors.Grant(Fga.User("anne"))|};
                        return 1;
                    }
                }
            }
            """;
        await Verify.VerifyAsync(Source, Source);
    }
}
