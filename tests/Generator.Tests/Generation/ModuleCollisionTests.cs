using System.Globalization;
using Microsoft.CodeAnalysis;
using TypedFga.Generator.Tests.Support;

namespace TypedFga.Generator.Tests.Generation;

/// <summary>
/// A name two modules of a modular model both use is reported in the module file that holds the offending
/// definition, at its line and column, whether OpenFGA refuses the model (FGA1002) or only the generated C# names
/// collide (FGA1004); <c>fga.mod</c> only gets the problems of <c>fga.mod</c> itself.
/// </summary>
public sealed class ModuleCollisionTests
{
    private const string ModFilePath = "/src/model/fga.mod";
    private const string WikiPath = "/src/model/docs/wiki.fga";

    private const string Core = """
        module core

        type user

        type team
          relations
            define member: [user]

        type doc-x

        type any_user

        type office
          relations
            define visitor: [user with is-ok]

        condition is-ok(ip: ipaddress) {
          ip.in_cidr("10.0.0.0/8")
        }
        """;

    public static TheoryData<string, string, int, int, string> ModelErrors() => new()
    {
        {
            "the same type in two modules",
            "module wiki\n\ntype page\n\ntype team\n",
            4, 5, "the type `team` is a duplicate. (duplicated-error)"
        },
        {
            "a relation an extension repeats",
            "module wiki\n\nextend type team\n  relations\n    define owner: [user]\n    define member: [user]\n",
            5, 11, "relation member already exists on type team (transformation-error)"
        },
        {
            "the same condition in two modules",
            "module wiki\n\ntype page\n  relations\n    define reader: [user with is-ok]\n\ncondition is-ok(ip: ipaddress) {\n  ip.in_cidr(\"192.168.0.0/16\")\n}\n",
            6, 10, "duplicate condition is-ok (transformation-error)"
        },
    };

    [Theory]
    [MemberData(nameof(ModelErrors))]
    public void A_collision_OpenFGA_refuses_is_reported_in_the_module_file(string name, string wiki, int line, int column, string message)
    {
        var result = GeneratorRunner.Run(Modular(wiki));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.True(diagnostic.Id == "FGA1002", $"{name}: {diagnostic}");
        AssertAt(diagnostic, WikiPath, line, column, message);
        Assert.Empty(GeneratorRunner.Sources(result));
    }

    [Fact]
    public void A_relation_two_extensions_add_is_reported_in_the_later_module()
    {
        var billing = "module billing\n\nextend type team\n  relations\n    define payer: [user]\n    define owner: [user]\n";
        var result = GeneratorRunner.Run([
            new GeneratorRunner.ModelFile(ModFilePath, "schema: '1.2'\ncontents:\n  - core.fga\n  - docs/wiki.fga\n  - billing.fga\n"),
            new GeneratorRunner.ModelFile("/src/model/core.fga", Core),
            new GeneratorRunner.ModelFile(WikiPath, "module wiki\n\nextend type team\n  relations\n    define owner: [user]\n"),
            new GeneratorRunner.ModelFile("/src/model/billing.fga", billing),
        ]);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("FGA1002", diagnostic.Id);
        AssertAt(diagnostic, "/src/model/billing.fga", 5, 11, "relation owner already exists on type team (transformation-error)");
    }

    public static TheoryData<string, string, int, int, string> CSharpNameCollisions() => new()
    {
        {
            "a type whose C# name a type of another module has",
            "module wiki\n\ntype doc_x\n",
            2, 5, "The type 'doc-x' and the type 'doc_x' both become the C# name 'DocX'; rename one of them in the model"
        },
        {
            "a relation an extension adds whose C# name a relation of the type has",
            "module wiki\n\nextend type team\n  relations\n    define members: [user]\n",
            4, 11, "The relation 'team#member' and the relation 'team#members' both become the C# name 'Members'; rename one of them in the model"
        },
        {
            "a wildcard in an extension whose C# name a type of another module has",
            "module wiki\n\nextend type team\n  relations\n    define guest: [user:*]\n",
            4, 19, "The type 'any_user' and the wildcard 'user:*' both become the C# name 'AnyUser'; rename one of them in the model"
        },
        {
            "a condition whose C# name a condition of another module has",
            "module wiki\n\ntype page\n  relations\n    define reader: [user with is_ok]\n\ncondition is_ok(ip: ipaddress) {\n  ip.in_cidr(\"192.168.0.0/16\")\n}\n",
            6, 10, "The condition 'is-ok' and the condition 'is_ok' both become the C# name 'IsOkCondition'; rename one of them in the model"
        },
    };

    [Theory]
    [MemberData(nameof(CSharpNameCollisions))]
    public void A_collision_of_generated_names_is_reported_in_the_module_file(string name, string wiki, int line, int column, string message)
    {
        var result = GeneratorRunner.Run(Modular(wiki));

        Assert.NotEmpty(result.Diagnostics);
        Assert.All(result.Diagnostics, d => Assert.True(d.Id == "FGA1004", $"{name}: {d}"));
        AssertAt(result.Diagnostics.First(d => d.GetMessage(CultureInfo.InvariantCulture) == message), WikiPath, line, column, message);
        Assert.All(result.Diagnostics, d => Assert.Equal(WikiPath, d.Location.GetLineSpan().Path));
        Assert.Empty(GeneratorRunner.Sources(result));
    }

    [Fact]
    public void A_collision_with_a_name_of_the_first_module_is_reported_there()
    {
        // Generated names are claimed in name order, so here the second claimant is the core module's type.
        var result = GeneratorRunner.Run(Modular("module wiki\n\ntype any-user\n"));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("FGA1004", diagnostic.Id);
        AssertAt(diagnostic, "/src/model/core.fga", 10, 5, "The type 'any-user' and the type 'any_user' both become the C# name 'AnyUser'; rename one of them in the model");
    }

    [Fact]
    public void The_collision_of_two_parameters_of_a_module_condition_is_reported_at_the_condition()
    {
        var wiki = "module wiki\n\ntype page\n  relations\n    define reader: [user with near]\n\ncondition near(a_b: int, a-b: int) {\n  a_b < 10\n}\n";
        var result = GeneratorRunner.Run(Modular(wiki));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("FGA1004", diagnostic.Id);
        AssertAt(diagnostic, WikiPath, 6, 10, "The parameter 'a_b' of condition 'near' and the parameter 'a-b' of condition 'near' both become the C# name 'AB'; rename one of them in the model");
    }

    private static GeneratorRunner.ModelFile[] Modular(string wiki) =>
    [
        new(ModFilePath, "schema: '1.2'\ncontents:\n  - core.fga\n  - docs/wiki.fga\n"),
        new("/src/model/core.fga", Core),
        new(WikiPath, wiki),
    ];

    private static void AssertAt(Diagnostic diagnostic, string path, int line, int column, string message)
    {
        Assert.Equal(message, diagnostic.GetMessage(CultureInfo.InvariantCulture));
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(path, span.Path);
        Assert.Equal((line, column), (span.StartLinePosition.Line, span.StartLinePosition.Character));
        Assert.Equal(line, span.EndLinePosition.Line);
    }
}
