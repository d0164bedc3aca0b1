using Microsoft.AspNetCore.Mvc;
using TypedFga.Embedded;
using TypedFga.Server.Http;
using TypedFga.Wire;

namespace TypedFga.Server.Endpoints;

/// <summary>WriteAssertions and ReadAssertions: expectations stored with a model for tooling.</summary>
internal static class AssertionEndpoints
{
    private const int MaxAssertions = 100;

    public static void MapAssertionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPut("/stores/{store_id}/assertions/{authorization_model_id}", async (
            HttpContext context,
            EmbeddedOpenFga engine,
            AssertionStore assertions,
            RequestBody body,
            [FromRoute(Name = "store_id")] string storeId,
            [FromRoute(Name = "authorization_model_id")] string modelId) =>
        {
            var (store, model) = await RequireModelAsync(engine, storeId, modelId, "WriteAssertionsRequest", context.RequestAborted);
            var request = await body.ReadAsync<AssertionsBody>(context);
            var items = request.Assertions ?? [];
            if (items.Count > MaxAssertions)
            {
                throw ApiErrors.Validation($"invalid WriteAssertionsRequest.Assertions: value must contain no more than {MaxAssertions} item(s)");
            }

            for (var i = 0; i < items.Count; i++)
            {
                if (items[i].TupleKey is not { Object.Length: > 0, Relation.Length: > 0, User.Length: > 0 })
                {
                    throw ApiErrors.Validation($"invalid WriteAssertionsRequest.Assertions[{i}]: the tuple_key needs an object, a relation and a user");
                }
            }

            assertions.Write(store, model, items);
            return ApiResults.NoContent();
        });

        app.MapGet("/stores/{store_id}/assertions/{authorization_model_id}", async (
            HttpContext context,
            EmbeddedOpenFga engine,
            AssertionStore assertions,
            [FromRoute(Name = "store_id")] string storeId,
            [FromRoute(Name = "authorization_model_id")] string modelId) =>
        {
            var (store, model) = await RequireModelAsync(engine, storeId, modelId, "ReadAssertionsRequest", context.RequestAborted);
            var answer = new AssertionsBody { AuthorizationModelId = model, Assertions = assertions.Read(store, model) };
            return ApiResults.Json(answer, ApiJson.Contracts.AssertionsBody);
        });
    }

    private static async Task<(string Store, string Model)> RequireModelAsync(
        EmbeddedOpenFga engine, string storeId, string modelId, string requestName, CancellationToken cancellationToken)
    {
        var store = RequestValues.StoreId(storeId, requestName);
        var model = RequestValues.ModelId(modelId, requestName);
        if (string.IsNullOrEmpty(model))
        {
            throw ApiErrors.Validation($"invalid {requestName}.AuthorizationModelId: value is required");
        }

        // Unknown stores and models fail here with the engine's 404 / 400, as OpenFGA's do.
        await engine.ReadAuthorizationModelAsync(store, model, cancellationToken);
        return (store, model);
    }
}
