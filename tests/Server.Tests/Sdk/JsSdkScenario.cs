using System.Text.Json.Nodes;
using TypedFga.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TypedFga.Server.Tests.Sdk;

/// <summary>
/// Runs <c>js/sdk-scenario.js</c> (the official <c>@openfga/sdk</c>) against a server and checks both what the
/// SDK reports and every exchange the server saw against OpenFGA's Swagger document.
/// </summary>
internal static class JsSdkScenario
{
    public static async Task RunAsync(ServerFixture server, ITestOutputHelper output, string? token)
    {
        if (NodeRunner.WhyUnavailable() is { } reason)
        {
            output.WriteLine($"SKIPPED: the official JS SDK test cannot run: {reason}.");
            return;
        }

        server.Traffic.Clear();
        var environment = new Dictionary<string, string> { ["FGA_API_URL"] = server.BaseAddress.AbsoluteUri.TrimEnd('/') };
        if (token is not null)
        {
            environment["FGA_API_TOKEN"] = token;
        }

        var (exitCode, stdout, stderr) = await NodeRunner.RunAsync("sdk-scenario.js", environment, TimeSpan.FromSeconds(60));
        output.WriteLine(stdout);
        Assert.True(exitCode == 0, $"the SDK scenario failed ({exitCode}): {stderr}");
        var result = JsonNode.Parse(stdout)!;

        Assert.Equal(26, result["store"]!["id"]!.GetValue<string>().Length);
        Assert.Equal("js-sdk-store", result["getStore"]!.GetValue<string>());
        Assert.Equal(["user", "group", "document"], Strings(result["readModelTypes"]));

        Assert.Equal("FgaApiValidationError", result["duplicateWriteError"]!["name"]!.GetValue<string>());
        Assert.Equal("write_failed_due_to_invalid_input", result["duplicateWriteError"]!["apiErrorCode"]!.GetValue<string>());

        var checks = result["checks"]!;
        Assert.True(checks["anneViewsRoadmap"]!.GetValue<bool>(), "owner implies viewer");
        Assert.False(checks["carlViewsBudget"]!.GetValue<bool>(), "the deleted tuple no longer grants");
        Assert.True(checks["danaViewsPlan"]!.GetValue<bool>(), "group membership grants through the userset");
        Assert.True(checks["erinViewsPlanContextually"]!.GetValue<bool>(), "a contextual tuple grants for that check");

        var batch = result["batchCheck"]!;
        Assert.True(batch["anne-owner"]!["allowed"]!.GetValue<bool>());
        Assert.False(batch["bob-owner"]!["allowed"]!.GetValue<bool>());
        Assert.True(batch["bob-viewer"]!["allowed"]!.GetValue<bool>());
        Assert.Equal("validation_error", batch["bad-relation"]!["error"]!.GetValue<string>());

        var pages = result["readPages"]!.AsArray();
        Assert.Equal([2, 2], pages.Select(p => p!.AsArray().Count));
        Assert.Equal(
            new[] { "document:plan#viewer@group:eng#member", "document:roadmap#owner@user:anne", "document:roadmap#viewer@user:bob", "group:eng#member@user:dana" },
            pages.SelectMany(p => Strings(p)).Order(StringComparer.Ordinal));
        Assert.Equal(1, result["readFiltered"]!.GetValue<int>());

        Assert.Equal(["document:roadmap"], Strings(result["listObjects"]));
        Assert.Equal(["document:plan"], Strings(result["streamedListObjects"]));
        Assert.Equal(["user:anne", "user:bob"], Strings(result["listUsers"]));
        Assert.Equal(
            ["TUPLE_OPERATION_WRITE", "TUPLE_OPERATION_WRITE", "TUPLE_OPERATION_WRITE", "TUPLE_OPERATION_WRITE", "TUPLE_OPERATION_DELETE"],
            Strings(result["changes"]));
        Assert.Equal(["document:roadmap#viewer@user:anne=true"], Strings(result["assertions"]));
        Assert.Equal("document:roadmap#viewer", result["expandRoot"]!.GetValue<string>());

        Assert.Equal(400, result["invalidCheckError"]!["statusCode"]!.GetValue<int>());
        Assert.Equal("validation_error", result["invalidCheckError"]!["apiErrorCode"]!.GetValue<string>());
        Assert.Equal("FgaApiNotFoundError", result["deletedStoreError"]!["name"]!.GetValue<string>());
        Assert.Equal("store_id_not_found", result["deletedStoreError"]!["apiErrorCode"]!.GetValue<string>());

        AssertTrafficMatchesSwagger(server, output);
    }

    private static void AssertTrafficMatchesSwagger(ServerFixture server, ITestOutputHelper output)
    {
        var contract = SwaggerContract.Load(output);
        if (contract is null)
        {
            return;
        }

        var exchanges = server.Traffic.Exchanges;
        Assert.True(exchanges.Count >= 20, $"expected the SDK's calls to be recorded, got {exchanges.Count}");
        var problems = exchanges.SelectMany(contract.Validate).ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private static string[] Strings(JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<string>()).ToArray();
}
