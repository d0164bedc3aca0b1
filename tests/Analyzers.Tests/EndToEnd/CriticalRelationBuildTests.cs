using Xunit.Abstractions;

namespace TypedFga.Analyzers.Tests.EndToEnd;

/// <summary>
/// The rule where users meet it: <c>dotnet build</c> of a project that grants a critical relation through write-behind
/// prints FGA2001, and fails when warnings are errors.
/// </summary>
public sealed class CriticalRelationBuildTests(ITestOutputHelper output)
{
    private const string Model = """
        model
          schema 1.1

        type user

        type document
          relations
            define owner: [user] # @critical
            define viewer: [user] or owner

        """;

    private const string Code = """
        namespace App;

        public static class Ownership
        {
            public static async Task Transfer(string documentId, string userId) =>
                await Fga.Document(documentId).Owners.Grant(Fga.User(userId));

            public static async Task Share(string documentId, string userId) =>
                await Fga.Document(documentId).Viewers.Grant(Fga.User(userId));
        }

        """;

    [Fact]
    public async Task Write_behind_on_a_critical_relation_warns_in_dotnet_build_and_fails_it_with_warnings_as_errors()
    {
        using var project = new TemporaryProject(Model, Code);

        // Strict first: a failed compile leaves no output behind, so the second build compiles again and reports again.
        var strict = await project.BuildAsync("-p:TreatWarningsAsErrors=true");
        output.WriteLine(strict.Output);
        Assert.NotEqual(0, strict.ExitCode);
        Assert.Matches(@"Code\.cs\(6,\d+\): error FGA2001: 'Grant' buffers the write to critical relation document#owner", strict.Output);

        var lenient = await project.BuildAsync();
        output.WriteLine(lenient.Output);
        Assert.Equal(0, lenient.ExitCode);
        Assert.Matches(@"Code\.cs\(6,\d+\): warning FGA2001: 'Grant' buffers the write to critical relation document#owner", lenient.Output);
        Assert.DoesNotContain("document#viewer", lenient.Output, StringComparison.Ordinal);
    }
}
