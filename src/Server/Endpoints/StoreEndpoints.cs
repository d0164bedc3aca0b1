using Microsoft.AspNetCore.Mvc;
using TypedFga.Embedded;
using TypedFga.Server.Http;
using TypedFga.Wire;

namespace TypedFga.Server.Endpoints;

/// <summary>CreateStore, ListStores, GetStore and DeleteStore.</summary>
internal static class StoreEndpoints
{
    public static void MapStoreEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/stores", async (HttpContext context, EmbeddedOpenFga engine, RequestBody body) =>
        {
            var request = await body.ReadAsync<CreateStoreRequest>(context);
            var store = await engine.CreateStoreAsync(request, context.RequestAborted);
            return ApiResults.Json(store, ApiJson.Contracts.Store, StatusCodes.Status201Created);
        });

        app.MapGet("/stores", async (
            HttpContext context,
            EmbeddedOpenFga engine,
            [FromQuery(Name = "page_size")] string? pageSize,
            [FromQuery(Name = "continuation_token")] string? continuationToken,
            [FromQuery(Name = "name")] string? name) =>
        {
            var page = await engine.ListStoresAsync(
                RequestValues.Integer(pageSize, "page_size"), continuationToken, name, context.RequestAborted);
            return ApiResults.Json(page, ApiJson.Contracts.ListStoresResponse);
        });

        app.MapGet("/stores/{store_id}", async (HttpContext context, EmbeddedOpenFga engine, [FromRoute(Name = "store_id")] string storeId) =>
        {
            var store = await engine.GetStoreAsync(RequestValues.StoreId(storeId, "GetStoreRequest"), context.RequestAborted);
            return ApiResults.Json(store, ApiJson.Contracts.Store);
        });

        app.MapDelete("/stores/{store_id}", async (
            HttpContext context, EmbeddedOpenFga engine, AssertionStore assertions, [FromRoute(Name = "store_id")] string storeId) =>
        {
            var id = RequestValues.StoreId(storeId, "DeleteStoreRequest");
            await engine.DeleteStoreAsync(id, context.RequestAborted);
            assertions.DeleteStore(id);
            return ApiResults.NoContent();
        });
    }
}
