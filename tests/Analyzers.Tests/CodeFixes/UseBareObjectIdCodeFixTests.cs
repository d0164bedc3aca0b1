using Verify = TypedFga.Analyzers.Tests.Infrastructure.FgaCodeFixTest<
    TypedFga.Analyzers.Rules.InvalidObjectIdAnalyzer,
    TypedFga.Analyzers.CodeFixes.UseBareObjectIdCodeFixProvider>;

namespace TypedFga.Analyzers.Tests.CodeFixes;

public sealed class UseBareObjectIdCodeFixTests
{
    [Fact]
    public Task The_type_prefix_is_removed_from_literals_in_factories_and_client_views() =>
        Verify.VerifyAsync(/* lang=c#-test */ """
            class C
            {
                void M(TypedFga.IFgaClient client)
                {
                    _ = Fga.Document({|FGA2003:"document:roadmap"|});
                    _ = Fga.Using(client).Folder( /* keep */ {|FGA2003:"folder:plans"|});
                    _ = Fga.User({|FGA2003:@"user:anne"|});
                }
            }
            """, /* lang=c#-test */ """
            class C
            {
                void M(TypedFga.IFgaClient client)
                {
                    _ = Fga.Document("roadmap");
                    _ = Fga.Using(client).Folder( /* keep */ "plans");
                    _ = Fga.User("anne");
                }
            }
            """);

    [Fact]
    public Task No_fix_when_the_id_without_its_prefix_is_still_invalid_or_is_not_a_literal() =>
        Verify.VerifyAsync(/* lang=c#-test */ """
            class C
            {
                const string Qualified = "document:roadmap";

                void M()
                {
                    _ = Fga.Document({|FGA2003:"document:road map"|});
                    _ = Fga.Document({|FGA2003:"team:eng#member"|});
                    _ = Fga.Document({|FGA2003:":roadmap"|});
                    _ = Fga.Document({|FGA2003:Qualified|});
                }
            }
            """, /* lang=c#-test */ """
            class C
            {
                const string Qualified = "document:roadmap";

                void M()
                {
                    _ = Fga.Document({|FGA2003:"document:road map"|});
                    _ = Fga.Document({|FGA2003:"team:eng#member"|});
                    _ = Fga.Document({|FGA2003:":roadmap"|});
                    _ = Fga.Document({|FGA2003:Qualified|});
                }
            }
            """);

    [Fact]
    public async Task Fix_all_rewrites_every_literal_of_the_document()
    {
        var test = new Verify(/* lang=c#-test */ """
            class C
            {
                void M()
                {
                    _ = Fga.Document({|FGA2003:"document:a"|});
                    _ = Fga.Document({|FGA2003:"document:b"|});
                    _ = Fga.Folder({|FGA2003:"folder:c"|});
                }
            }
            """, /* lang=c#-test */ """
            class C
            {
                void M()
                {
                    _ = Fga.Document("a");
                    _ = Fga.Document("b");
                    _ = Fga.Folder("c");
                }
            }
            """);
        await test.RunAsync();
    }
}
