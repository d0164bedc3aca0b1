extern alias generator;

using Microsoft.CodeAnalysis;
using TypedFga.Generator.Tests.Support;
using static TypedFga.Generator.Tests.Support.ModelFactory;
using ConditionParameterKind = generator::TypedFga.Language.Model.ConditionParameterKind;

namespace TypedFga.Generator.Tests.Emit;

public sealed class SampleModelEmitTests
{
    [Fact]
    public void Sample_model_matches_the_golden_files() => GoldenFiles.Verify("SampleModel", Emission.Emit(Sample()));

    [Fact]
    public void Sample_model_compiles_without_warnings_including_documentation()
    {
        var compilation = TestCompiler.Create(Emission.Emit(Sample()));
        var problems = TestCompiler.Problems(compilation);
        Assert.True(problems.IsEmpty, TestCompiler.Describe(problems));
    }

    [Fact]
    public void Plain_and_conditioned_grants_of_the_same_subject_both_resolve()
    {
        var problems = CompileWithSnippet("""
            using System;
            using System.Threading.Tasks;
            namespace App;
            internal static class Usage
            {
                public static async Task Run()
                {
                    var viewers = Fga.Document("roadmap").Viewers;
                    await viewers.Grant(Fga.User("anne"));
                    await viewers.Grant(Fga.User("anne"), new FgaTypes.NonExpiredCondition(grantTime: DateTimeOffset.UnixEpoch, grantDuration: TimeSpan.FromHours(1)));
                    await viewers.GrantNow(Fga.User("anne"), new FgaTypes.NonExpiredCondition());
                    await viewers.Grant(Fga.AnyUser);
                    await viewers.Grant(Fga.Team("eng").Members);
                    await viewers.Revoke(Fga.User("anne"));
                    await viewers.RevokeNow(Fga.AnyUser);
                    await Fga.Document(42).CanView.Check(Fga.User("anne"));
                    await Fga.Document(Guid.Empty).CanView.Check(Fga.Team("eng").Members, context: null);
                }
            }
            """);
        Assert.True(problems.IsEmpty, TestCompiler.Describe(problems));
    }

    // CS0315/CS0311: the subject type does not implement the relation's marker interface (the model does not list it).
    [Theory]
    [InlineData("Fga.Document(\"d\").Editors.Grant(Fga.Folder(\"f\"))", "CS0315")]
    [InlineData("Fga.Document(\"d\").Editors.Grant(Fga.AnyUser)", "CS0315")]
    [InlineData("Fga.Document(\"d\").Editors.GrantNow(Fga.AnyUser)", "CS0315")]
    [InlineData("Fga.Document(\"d\").Editors.Revoke(Fga.Folder(\"f\"))", "CS0315")]
    [InlineData("Fga.Document(\"d\").Owners.Grant(Fga.Team(\"t\").Members)", "CS0315")]
    [InlineData("Fga.Document(\"d\").Owners.RevokeNow(Fga.Team(\"t\").Members)", "CS0315")]
    [InlineData("Fga.Document(\"d\").CanView.Grant(Fga.User(\"u\"))", "CS1061")]
    [InlineData("Fga.Document(\"d\").Blocked.Grant(Fga.User(\"u\"), new FgaTypes.NonExpiredCondition())", "CS1503")]
    [InlineData("Fga.Document(\"d\").Viewers.Grant(Fga.AnyUser, new FgaTypes.NonExpiredCondition())", "CS0315")]
    [InlineData("Fga.Document(\"d\").Viewers.Grant(Fga.Document(\"x\").Editors)", "CS0315")]
    [InlineData("Fga.Document(\"d\").Viewers.Grant(\"user:anne\")", "CS0311")]
    public void Subjects_the_model_does_not_allow_do_not_compile(string call, string expectedError)
    {
        var problems = CompileWithSnippet($$"""
            namespace App;
            internal static class Usage
            {
                public static System.Threading.Tasks.ValueTask Run() => {{call}};
            }
            """);
        Assert.Contains(problems, d => d.Id == expectedError && d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void Every_condition_parameter_type_maps_to_a_typed_argument()
    {
        var model = Model(
            [Type("user"), Type("doc", Direct("reader", "user with every_type"))],
            Condition(
                "every_type",
                "true",
                ("a_bool", Scalar(ConditionParameterKind.Bool)),
                ("a_string", Scalar(ConditionParameterKind.String)),
                ("_int", Scalar(ConditionParameterKind.Int)),
                ("a_uint", Scalar(ConditionParameterKind.Uint)),
                ("a_double", Scalar(ConditionParameterKind.Double)),
                ("a_duration", Scalar(ConditionParameterKind.Duration)),
                ("a_timestamp", Scalar(ConditionParameterKind.Timestamp)),
                ("an_ip", Scalar(ConditionParameterKind.Ipaddress)),
                ("an_any", Scalar(ConditionParameterKind.Any)),
                ("a_list", ListOf(ConditionParameterKind.String)),
                ("a_map", MapOf(ConditionParameterKind.Int))));
        var files = Emission.Emit(model);
        GoldenFiles.Verify("ConditionTypes", files);
        var problems = TestCompiler.Problems(TestCompiler.Create([.. files, ("Usage.cs", """
            using System;
            namespace App;
            internal static class Usage
            {
                public static System.Threading.Tasks.ValueTask Run() => Fga.Doc("d").Readers.Grant(
                    Fga.User("u"),
                    new FgaTypes.EveryTypeCondition(
                        aBool: true, aString: "s", @int: -1, aUint: 1UL, aDouble: 0.5, aDuration: TimeSpan.FromSeconds(1),
                        aTimestamp: DateTimeOffset.UnixEpoch, anIp: "10.0.0.1", anAny: new object(),
                        aList: new[] { "x" }, aMap: new System.Collections.Generic.Dictionary<string, long> { ["k"] = 1 }));
            }
            """)]));
        Assert.True(problems.IsEmpty, TestCompiler.Describe(problems));
    }

    private static System.Collections.Immutable.ImmutableArray<Diagnostic> CompileWithSnippet(string snippet) =>
        TestCompiler.Problems(TestCompiler.Create([.. Emission.Emit(Sample()), ("Usage.cs", snippet)]));
}
