using Microsoft.AspNetCore.Mvc;
using TypedFga.Embedded;
using TypedFga.Server.Http;
using TypedFga.Wire;

namespace TypedFga.Server.Endpoints;

/// <summary>WriteAuthorizationModel, ReadAuthorizationModels and ReadAuthorizationModel.</summary>
internal static class ModelEndpoints
{
    public static void MapModelEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/stores/{store_id}/authorization-models", async (
            HttpContext context, EmbeddedOpenFga engine, RequestBody body, [FromRoute(Name = "store_id")] string storeId) =>
        {
            var id = RequestValues.StoreId(storeId, "WriteAuthorizationModelRequest");
            var model = await body.ReadAsync<AuthorizationModel>(context);
            var written = await engine.WriteAuthorizationModelAsync(id, model, context.RequestAborted);
            return ApiResults.Json(written, ApiJson.Contracts.WriteAuthorizationModelResponse, StatusCodes.Status201Created);
        });

        app.MapGet("/stores/{store_id}/authorization-models", async (
            HttpContext context,
            EmbeddedOpenFga engine,
            [FromRoute(Name = "store_id")] string storeId,
            [FromQuery(Name = "page_size")] string? pageSize,
            [FromQuery(Name = "continuation_token")] string? continuationToken) =>
        {
            var page = await engine.ReadAuthorizationModelsAsync(
                RequestValues.StoreId(storeId, "ReadAuthorizationModelsRequest"),
                RequestValues.Integer(pageSize, "page_size"),
                continuationToken,
                context.RequestAborted);
            return ApiResults.Json(page, ApiJson.Contracts.ReadAuthorizationModelsResponse);
        });

        app.MapGet("/stores/{store_id}/authorization-models/{id}", async (
            HttpContext context, EmbeddedOpenFga engine, [FromRoute(Name = "store_id")] string storeId, [FromRoute(Name = "id")] string modelId) =>
        {
            var store = RequestValues.StoreId(storeId, "ReadAuthorizationModelRequest");
            var model = await engine.ReadAuthorizationModelAsync(
                store, RequestValues.ModelId(modelId, "ReadAuthorizationModelRequest", "Id")!, context.RequestAborted);
            return ApiResults.Json(model, ApiJson.Contracts.ReadAuthorizationModelResponse);
        });
    }
}
