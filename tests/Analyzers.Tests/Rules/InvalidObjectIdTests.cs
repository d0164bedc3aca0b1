using TypedFga.Analyzers.Rules;
using Verify = TypedFga.Analyzers.Tests.Infrastructure.FgaAnalyzerTest<TypedFga.Analyzers.Rules.InvalidObjectIdAnalyzer>;

namespace TypedFga.Analyzers.Tests.Rules;

public sealed class InvalidObjectIdTests
{
    [Fact]
    public Task An_id_with_the_type_prefix_is_reported_with_a_hint() =>
        Verify.VerifyAsync(/* lang=c#-test */ """
            class C
            {
                App.FgaTypes.Document M() => Fga.Document({|#0:"document:roadmap"|});
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("document:roadmap", "it contains ':'; pass the id alone, without the 'document:' prefix"));

    [Fact]
    public Task Empty_whitespace_and_hash_ids_are_reported_in_factories_and_client_views() =>
        Verify.VerifyAsync(/* lang=c#-test */ """
            class C
            {
                const string Blank = "";

                void M(TypedFga.IFgaClient client)
                {
                    _ = Fga.User({|FGA2003:Blank|});
                    _ = Fga.Folder({|FGA2003:"q3 plans"|});
                    _ = Fga.Using(client).Document({|FGA2003:"roadmap#owner"|});
                }
            }
            """);

    [Fact]
    public Task Valid_and_non_constant_ids_are_not_reported() =>
        Verify.VerifyAsync(/* lang=c#-test */ """
            class C
            {
                void M(string fromRequest)
                {
                    _ = Fga.Document("roadmap");
                    _ = Fga.User("anne@example.com");
                    _ = Fga.Document("a-b/c|d.e+f@g_h*");
                    _ = Fga.Document(fromRequest);
                    _ = new TypedFga.TupleKey("user:anne", "owner", "document:roadmap");
                }
            }
            """);

    [Theory]
    [InlineData("document1", true)]
    [InlineData("user@domain.com", true)]
    [InlineData("doc*", true)]
    [InlineData("", false)]
    [InlineData("doc:123", false)]
    [InlineData(":doc123", false)]
    [InlineData("doc#123", false)]
    [InlineData(" doc123", false)]
    [InlineData("doc\t123", false)]
    public void Validation_follows_OpenFGA_object_id_rules(string id, bool valid) =>
        Assert.Equal(valid, InvalidObjectIdAnalyzer.Validate(id) is null);

    [Fact]
    public void Ids_longer_than_an_object_allows_are_rejected()
    {
        Assert.Null(InvalidObjectIdAnalyzer.Validate(new string('a', 254)));
        Assert.Equal("it is longer than the 254 characters an object id can have", InvalidObjectIdAnalyzer.Validate(new string('a', 255)));
    }
}
