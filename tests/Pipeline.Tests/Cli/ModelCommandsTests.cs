using System.Text.Json;
using TypedFga.Wire;
using TypedFga.Pipeline.Tests.Infrastructure;

namespace TypedFga.Pipeline.Tests.Cli;

/// <summary><c>model compile</c>, <c>validate</c> and <c>push</c> on single-file and modular models.</summary>
public sealed class ModelCommandsTests(FgaServerFixture server) : IClassFixture<FgaServerFixture>, IDisposable
{
    private const string ValidModel = """
        model
          schema 1.1

        type user

        type document
          relations
            define owner: [user]
            define viewer: [user] or owner
        """;

    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Compile_writes_openfga_json_to_a_file_or_standard_output()
    {
        var model = await WriteAsync("model.fga", ValidModel);
        var target = _folder.File("model.json");

        var toFile = await CliRun.RunAsync("model", "compile", model, "-o", target);
        var toOutput = await CliRun.RunAsync("model", "compile", model);

        Assert.Equal(0, toFile.ExitCode);
        Assert.Equal(0, toOutput.ExitCode);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(target));
        Assert.Equal("1.1", json.RootElement.GetProperty("schema_version").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("type_definitions").GetArrayLength());
        Assert.Equal((await File.ReadAllTextAsync(target)).Trim(), toOutput.Output.Trim());
    }

    [Fact]
    public async Task Validate_prints_each_problem_at_its_line_and_column_with_the_generators_ids()
    {
        var model = await WriteAsync("broken.fga", """
            model
              schema 1.1

            type user

            type document
              relations
                define viewer: [user] or editor
            """);
        var syntax = await WriteAsync("syntax.fga", "model\n  schema 1.1\ntype user\n  relations\n    define : [user]\n");

        var semantic = await CliRun.RunAsync("model", "validate", model);
        var unparsable = await CliRun.RunAsync("model", "validate", syntax);

        Assert.Equal(1, semantic.ExitCode);
        Assert.Equal($"{model}(8,30): error FGA1002: the relation `editor` does not exist. (missing-definition)", Assert.Single(CliRun.Lines(semantic.Output)));
        Assert.Equal(1, unparsable.ExitCode);
        Assert.All(CliRun.Lines(unparsable.Output), line => Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(syntax)}\(\d+,\d+\): error FGA1001: ", line));
    }

    [Fact]
    public async Task Validate_accepts_a_valid_model()
    {
        var model = await WriteAsync("model.fga", ValidModel);

        var result = await CliRun.RunAsync("model", "validate", model);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"{model}: valid", result.Output.Trim());
    }

    [Fact]
    public async Task A_modular_model_compiles_and_its_problems_point_into_the_module_file()
    {
        var mod = await WriteAsync("fga.mod", "schema: '1.2'\ncontents:\n  - core.fga\n  - docs/documents.fga\n");
        await WriteAsync("core.fga", "module core\n\ntype user\n");
        Directory.CreateDirectory(_folder.File("docs"));
        var documents = await WriteAsync("docs/documents.fga", "module documents\n\ntype document\n  relations\n    define viewer: [user] or owner\n");

        var invalid = await CliRun.RunAsync("model", "validate", mod);
        await File.WriteAllTextAsync(documents, "module documents\n\ntype document\n  relations\n    define owner: [user]\n    define viewer: [user] or owner\n");
        var compiled = await CliRun.RunAsync("model", "compile", mod);

        Assert.Equal(1, invalid.ExitCode);
        Assert.StartsWith($"{documents}(5,", Assert.Single(CliRun.Lines(invalid.Output)), StringComparison.Ordinal);
        Assert.Equal(0, compiled.ExitCode);
        using var json = JsonDocument.Parse(compiled.Output);
        Assert.Equal("1.2", json.RootElement.GetProperty("schema_version").GetString());
    }

    [Fact]
    public async Task Push_writes_the_model_to_the_store_and_prints_its_id()
    {
        var store = await server.CreateStoreAsync();
        var model = await WriteAsync("model.fga", ValidModel);

        var result = await CliRun.RunAsync("model", "push", model, "--api-url", server.BaseAddress.ToString(), "--store-id", store);

        Assert.Equal(0, result.ExitCode);
        var id = result.Output.Trim();
        var stored = await server.Engine.ReadAuthorizationModelAsync(store, id);
        Assert.Equal(id, stored.AuthorizationModel!.Id);
    }

    [Fact]
    public async Task Push_of_a_model_with_errors_sends_nothing()
    {
        var store = await server.CreateStoreAsync();
        var model = await WriteAsync("broken.fga", "model\n  schema 1.1\ntype document\n  relations\n    define viewer: [person]\n");

        var result = await CliRun.RunAsync("model", "push", model, "--api-url", server.BaseAddress.ToString(), "--store-id", store);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error FGA1002", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task A_missing_model_file_is_a_usage_error()
    {
        var result = await CliRun.RunAsync("model", "validate", _folder.File("nope.fga"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("No model at", Assert.Single(CliRun.Lines(result.Error)), StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private async Task<string> WriteAsync(string name, string text)
    {
        var path = _folder.File(name);
        await File.WriteAllTextAsync(path, text);
        return path;
    }
}
