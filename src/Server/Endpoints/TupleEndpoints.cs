using Microsoft.AspNetCore.Mvc;
using TypedFga.Embedded;
using TypedFga.Server.Http;
using TypedFga.Wire;

namespace TypedFga.Server.Endpoints;

/// <summary>Write, Read and ReadChanges.</summary>
internal static class TupleEndpoints
{
    public static void MapTupleEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/stores/{store_id}/write", async (
            HttpContext context, EmbeddedOpenFga engine, RequestBody body, [FromRoute(Name = "store_id")] string storeId) =>
        {
            var id = RequestValues.StoreId(storeId, "WriteRequest");
            var request = await body.ReadAsync<WriteRequest>(context);
            var modelId = await ModelResolution.ResolveAsync(engine, id, request.AuthorizationModelId, "WriteRequest", context.RequestAborted);
            await engine.WriteAsync(id, request with { AuthorizationModelId = modelId }, context.RequestAborted);
            ModelResolution.SetHeader(context, modelId);
            return ApiResults.Json(new WriteResponse(), ApiJson.Contracts.WriteResponse);
        });

        app.MapPost("/stores/{store_id}/read", async (
            HttpContext context, EmbeddedOpenFga engine, RequestBody body, [FromRoute(Name = "store_id")] string storeId) =>
        {
            var id = RequestValues.StoreId(storeId, "ReadRequest");
            var request = await body.ReadAsync<ReadRequest>(context);
            var page = await engine.ReadAsync(id, request, context.RequestAborted);
            return ApiResults.Json(page, ApiJson.Contracts.ReadResponse);
        });

        app.MapGet("/stores/{store_id}/changes", async (
            HttpContext context,
            EmbeddedOpenFga engine,
            [FromRoute(Name = "store_id")] string storeId,
            [FromQuery(Name = "type")] string? type,
            [FromQuery(Name = "page_size")] string? pageSize,
            [FromQuery(Name = "continuation_token")] string? continuationToken,
            [FromQuery(Name = "start_time")] string? startTime) =>
        {
            var request = new ReadChangesRequest
            {
                Type = type,
                PageSize = RequestValues.Integer(pageSize, "page_size"),
                ContinuationToken = continuationToken,
                StartTime = RequestValues.Timestamp(startTime, "start_time"),
            };
            var page = await engine.ReadChangesAsync(RequestValues.StoreId(storeId, "ReadChangesRequest"), request, context.RequestAborted);
            return ApiResults.Json(page, ApiJson.Contracts.ReadChangesResponse);
        });
    }
}
