using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TypedFga.Server.Tests.Infrastructure;
using TypedFga.Tests;
using Xunit.Abstractions;

namespace TypedFga.Server.Tests.Api;

/// <summary>
/// The wire details official clients rely on: paths, status codes, snake_case fields, RFC 3339 UTC
/// timestamps, the model id header, and every route being one of OpenFGA's operations.
/// </summary>
public sealed partial class ApiShapeTests(ServerFixture server, ITestOutputHelper output) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Create_is_201_and_delete_is_204_without_a_body()
    {
        var created = await server.PostAsync("stores", """{"name":"shape-store"}""");
        var id = created.Json!["id"]!.GetValue<string>();
        var model = await server.PostAsync($"stores/{id}/authorization-models", Models.Documents);
        var deleted = await server.SendAsync(HttpMethod.Delete, $"stores/{id}");

        Assert.Equal(201, created.Status);
        Assert.Matches(Ulid(), id);
        Assert.Equal("shape-store", created.Json!["name"]!.GetValue<string>());
        Assert.Matches(Timestamp(), created.Json!["created_at"]!.GetValue<string>());
        Assert.Matches(Timestamp(), created.Json!["updated_at"]!.GetValue<string>());
        Assert.Equal(201, model.Status);
        Assert.Matches(Ulid(), model.Json!["authorization_model_id"]!.GetValue<string>());
        Assert.Equal(204, deleted.Status);
        Assert.Equal("", deleted.Body);
    }

    [Fact]
    public async Task Queries_name_the_model_they_ran_against()
    {
        var (store, model) = await server.CreateStoreWithModelAsync(Models.Documents);
        var latest = await server.PostAsync($"stores/{store}/check", """{"tuple_key":{"user":"user:a","relation":"viewer","object":"document:1"}}""");
        var explicitModel = await server.PostAsync($"stores/{store}/list-objects", $$"""{"authorization_model_id":"{{model}}","type":"document","relation":"viewer","user":"user:a"}""");
        var write = await server.PostAsync($"stores/{store}/write", """{"writes":{"tuple_keys":[{"user":"user:a","relation":"viewer","object":"document:1"}]}}""");

        Assert.Equal(model, latest.Headers.GetValues("Openfga-Authorization-Model-Id").Single());
        Assert.Equal(model, explicitModel.Headers.GetValues("Openfga-Authorization-Model-Id").Single());
        Assert.Equal(model, write.Headers.GetValues("Openfga-Authorization-Model-Id").Single());
        Assert.Equal("{}", write.Body);
        Assert.Equal("""{"allowed":false,"resolution":""}""", latest.Body);
    }

    [Fact]
    public async Task Responses_use_openfga_field_names_including_its_camel_case_exceptions()
    {
        var (store, model) = await server.CreateStoreWithModelAsync(Models.Documents);
        var read = await server.GetAsync($"stores/{store}/authorization-models/{model}");
        var body = read.Body;

        Assert.Contains("\"type_definitions\":", body, StringComparison.Ordinal);
        Assert.Contains("\"directly_related_user_types\":", body, StringComparison.Ordinal);
        Assert.Contains("\"computedUserset\":", body, StringComparison.Ordinal);
        Assert.Contains("\"schema_version\":\"1.1\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"computed_userset\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expand_names_a_tuple_to_userset_leaf_in_camel_case_as_openfga_does()
    {
        const string folders = """
            {"schema_version":"1.1","type_definitions":[
              {"type":"user"},
              {"type":"folder","relations":{"viewer":{"this":{}}},"metadata":{"relations":{"viewer":{"directly_related_user_types":[{"type":"user"}]}}}},
              {"type":"document","relations":{"parent":{"this":{}},"viewer":{"tupleToUserset":{"tupleset":{"relation":"parent"},"computedUserset":{"relation":"viewer"}}}},
               "metadata":{"relations":{"parent":{"directly_related_user_types":[{"type":"folder"}]}}}}]}
            """;
        var (store, _) = await server.CreateStoreWithModelAsync(folders);
        await server.PostAsync($"stores/{store}/write", """{"writes":{"tuple_keys":[{"user":"folder:a","relation":"parent","object":"document:1"}]}}""");

        var expand = await server.PostAsync($"stores/{store}/expand", """{"tuple_key":{"relation":"viewer","object":"document:1"}}""");

        var leaf = expand.Json!["tree"]!["root"]!["leaf"]!;
        Assert.Equal("document:1#parent", leaf["tupleToUserset"]!["tupleset"]!.GetValue<string>());
        Assert.Equal("folder:a#viewer", leaf["tupleToUserset"]!["computed"]![0]!["userset"]!.GetValue<string>());
        Assert.DoesNotContain("tuple_to_userset", expand.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_changes_and_paging_tokens_work_over_query_strings()
    {
        var (store, _) = await server.CreateStoreWithModelAsync(Models.Documents);
        for (var i = 0; i < 3; i++)
        {
            await server.PostAsync($"stores/{store}/write", $$$"""{"writes":{"tuple_keys":[{"user":"user:u{{{i}}}","relation":"viewer","object":"document:1"}]}}""");
        }

        var first = await server.GetAsync($"stores/{store}/changes?type=document&page_size=2");
        var token = Uri.EscapeDataString(first.Json!["continuation_token"]!.GetValue<string>());
        var second = await server.GetAsync($"stores/{store}/changes?type=document&page_size=2&continuation_token={token}");
        var fromTheFuture = await server.GetAsync($"stores/{store}/changes?start_time=2999-01-01T00:00:00Z");

        Assert.Equal(2, first.Json!["changes"]!.AsArray().Count);
        Assert.Single(second.Json!["changes"]!.AsArray());
        Assert.Equal("TUPLE_OPERATION_WRITE", first.Json!["changes"]![0]!["operation"]!.GetValue<string>());
        Assert.Empty(fromTheFuture.Json!["changes"]!.AsArray());
    }

    [SharedDataFact]
    public async Task Every_route_is_an_openfga_operation_and_every_core_operation_is_served()
    {
        var contract = SwaggerContract.Load(output);
        if (contract is null)
        {
            return;
        }

        var routes = server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Method: m, Path: "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .Where(r => r.Path != "/healthz")
            .ToHashSet();
        var operations = contract.Operations.Where(o => !o.Path.Contains("access/v1", StringComparison.Ordinal) && !o.Path.Contains("authzen", StringComparison.Ordinal)).ToHashSet();

        Assert.Empty(routes.Except(operations));
        Assert.Empty(operations.Except(routes));
    }

    [GeneratedRegex("^[ABCDEFGHJKMNPQRSTVWXYZ0-9]{26}$")]
    private static partial Regex Ulid();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$")]
    private static partial Regex Timestamp();
}
