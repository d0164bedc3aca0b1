using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using TypedFga.Embedded;
using TypedFga.Server.Http;
using TypedFga.Wire;

namespace TypedFga.Server.Endpoints;

/// <summary>Check, BatchCheck, Expand, ListObjects, StreamedListObjects and ListUsers.</summary>
internal static class QueryEndpoints
{
    public static void MapQueryEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/stores/{store_id}/check", async (
            HttpContext context, EmbeddedOpenFga engine, RequestBody body, [FromRoute(Name = "store_id")] string storeId) =>
        {
            var id = RequestValues.StoreId(storeId, "CheckRequest");
            var request = await body.ReadAsync<CheckRequest>(context);
            RequestValues.RequireTupleKey(request.TupleKey, "CheckRequest");
            var modelId = await ModelResolution.ResolveAsync(engine, id, request.AuthorizationModelId, "CheckRequest", context.RequestAborted);
            var answer = await engine.CheckAsync(id, request with { AuthorizationModelId = modelId }, context.RequestAborted);
            ModelResolution.SetHeader(context, modelId);
            return ApiResults.Json(answer, ApiJson.Contracts.CheckResponse);
        });

        app.MapPost("/stores/{store_id}/batch-check", async (
            HttpContext context, EmbeddedOpenFga engine, RequestBody body, [FromRoute(Name = "store_id")] string storeId) =>
        {
            var id = RequestValues.StoreId(storeId, "BatchCheckRequest");
            var request = await body.ReadAsync<BatchCheckRequest>(context);
            var modelId = await ModelResolution.ResolveAsync(engine, id, request.AuthorizationModelId, "BatchCheckRequest", context.RequestAborted);
            var answer = await engine.BatchCheckAsync(id, request with { AuthorizationModelId = modelId }, context.RequestAborted);
            ModelResolution.SetHeader(context, modelId);
            return ApiResults.Json(answer, ApiJson.Contracts.BatchCheckResponse);
        });

        app.MapPost("/stores/{store_id}/expand", async (
            HttpContext context, EmbeddedOpenFga engine, RequestBody body, [FromRoute(Name = "store_id")] string storeId) =>
        {
            var id = RequestValues.StoreId(storeId, "ExpandRequest");
            var request = await body.ReadAsync<ExpandRequest>(context);
            RequestValues.RequireTupleKey(request.TupleKey, "ExpandRequest");
            var modelId = await ModelResolution.ResolveAsync(engine, id, request.AuthorizationModelId, "ExpandRequest", context.RequestAborted);
            var answer = await engine.ExpandAsync(id, request with { AuthorizationModelId = modelId }, context.RequestAborted);
            ModelResolution.SetHeader(context, modelId);
            return ApiResults.Json(answer, ApiJson.Contracts.ExpandResponse);
        });

        app.MapPost("/stores/{store_id}/list-objects", async (
            HttpContext context, EmbeddedOpenFga engine, RequestBody body, [FromRoute(Name = "store_id")] string storeId) =>
        {
            var id = RequestValues.StoreId(storeId, "ListObjectsRequest");
            var request = await body.ReadAsync<ListObjectsRequest>(context);
            var modelId = await ModelResolution.ResolveAsync(engine, id, request.AuthorizationModelId, "ListObjectsRequest", context.RequestAborted);
            var answer = await engine.ListObjectsAsync(id, request with { AuthorizationModelId = modelId }, context.RequestAborted);
            ModelResolution.SetHeader(context, modelId);
            return ApiResults.Json(answer, ApiJson.Contracts.ListObjectsResponse);
        });

        app.MapPost("/stores/{store_id}/streamed-list-objects", async (
            HttpContext context, EmbeddedOpenFga engine, RequestBody body, [FromRoute(Name = "store_id")] string storeId) =>
        {
            var id = RequestValues.StoreId(storeId, "StreamedListObjectsRequest");
            var request = await body.ReadAsync<ListObjectsRequest>(context);
            var modelId = await ModelResolution.ResolveAsync(engine, id, request.AuthorizationModelId, "StreamedListObjectsRequest", context.RequestAborted);
            var answer = await engine.StreamedListObjectsAsync(id, request with { AuthorizationModelId = modelId }, context.RequestAborted);
            ModelResolution.SetHeader(context, modelId);

            // The gateway streams one JSON object per line: {"result":{"object":"document:1"}}.
            context.Response.ContentType = "application/json";
            foreach (var obj in answer.Objects)
            {
                await JsonSerializer.SerializeAsync(
                    context.Response.Body, new StreamedListObjectsLine { Result = new StreamedListObjectsResult { Object = obj } }, ApiJson.Contracts.StreamedListObjectsLine, context.RequestAborted);
                await context.Response.Body.WriteAsync("\n"u8.ToArray(), context.RequestAborted);
            }

            return Results.Empty;
        });

        app.MapPost("/stores/{store_id}/list-users", async (
            HttpContext context, EmbeddedOpenFga engine, RequestBody body, [FromRoute(Name = "store_id")] string storeId) =>
        {
            var id = RequestValues.StoreId(storeId, "ListUsersRequest");
            var request = await body.ReadAsync<ListUsersRequest>(context);
            var modelId = await ModelResolution.ResolveAsync(engine, id, request.AuthorizationModelId, "ListUsersRequest", context.RequestAborted);
            var answer = await engine.ListUsersAsync(id, request with { AuthorizationModelId = modelId }, context.RequestAborted);
            ModelResolution.SetHeader(context, modelId);
            return ApiResults.Json(answer, ApiJson.Contracts.ListUsersResponse);
        });
    }
}
