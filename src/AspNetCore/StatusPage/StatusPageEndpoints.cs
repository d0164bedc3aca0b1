using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace TypedFga.AspNetCore.StatusPage;

/// <summary>
/// Serves the status page at the group's root and its stylesheet and script beside it, from the assembly's
/// resources. The page names everything relative to itself, so it works under any prefix and path base.
/// </summary>
internal static class StatusPageEndpoints
{
    /// <summary>
    /// Only this origin's script, stylesheet and endpoints; no inline code, frames, forms or other origins.
    /// </summary>
    internal const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly StatusPageAsset Page = StatusPageAsset.Load("status-page.html", "text/html; charset=utf-8");
    private static readonly StatusPageAsset Stylesheet = StatusPageAsset.Load("status-page.css", "text/css; charset=utf-8");
    private static readonly StatusPageAsset Script = StatusPageAsset.Load("status-page.js", "text/javascript; charset=utf-8");
    private static readonly StatusPageAsset Icon = StatusPageAsset.Load("status-page.svg", "image/svg+xml");

    public static void Map(RouteGroupBuilder group)
    {
        // The page and its files are not API: they stay out of OpenAPI documents.
        var page = group.MapGroup("").ExcludeFromDescription();
        page.MapGet("/", (HttpContext context) =>
        {
            var request = context.Request;
            // Relative links resolve against the last slash: /fga must become /fga/ before they can work.
            if (request.Path.Value?.EndsWith('/') != true)
            {
                return Results.Redirect($"{request.PathBase}{request.Path}/{request.QueryString}");
            }

            return Serve(context, Page);
        });
        page.MapGet("/status-page.css", (HttpContext context) => Serve(context, Stylesheet));
        page.MapGet("/status-page.js", (HttpContext context) => Serve(context, Script));
        // An icon of its own, or the browser asks the application for /favicon.ico.
        page.MapGet("/status-page.svg", (HttpContext context) => Serve(context, Icon));
    }

    private static IResult Serve(HttpContext context, StatusPageAsset asset)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        // The page sits behind authorization: no shared cache may keep it.
        headers.CacheControl = "no-store";
        return Results.Bytes(asset.Content, asset.ContentType);
    }
}
