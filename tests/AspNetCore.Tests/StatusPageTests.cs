using System.Net;
using System.Text.RegularExpressions;
using TypedFga.AspNetCore.Tests.Infrastructure;

namespace TypedFga.AspNetCore.Tests;

/// <summary>The status page's files: served from the assembly, under a strict policy, relative to wherever they are mapped.</summary>
public sealed partial class StatusPageTests
{
    [Theory]
    [InlineData("/fga/", "text/html")]
    [InlineData("/fga/status-page.css", "text/css")]
    [InlineData("/fga/status-page.js", "text/javascript")]
    [InlineData("/fga/status-page.svg", "image/svg+xml")]
    public async Task Each_file_is_served_with_a_strict_content_security_policy(string path, string mediaType)
    {
        await using var app = await OperationsApp.StartAnonymousAsync();

        using var response = await app.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.StartsWith("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task The_page_refers_to_nothing_outside_itself_and_has_no_inline_script_or_style()
    {
        await using var app = await OperationsApp.StartAnonymousAsync();

        var html = await app.Http.GetStringAsync("/fga/");
        var script = await app.Http.GetStringAsync("/fga/status-page.js");
        var css = await app.Http.GetStringAsync("/fga/status-page.css");

        Assert.Equal(["status-page.css", "status-page.js", "status-page.svg"], Links().Matches(html).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal));
        Assert.DoesNotMatch(InlineCode(), html);
        foreach (var text in new[] { html, css })
        {
            Assert.DoesNotMatch(ExternalUrl(), text);
        }

        // The one absolute URL the script holds is SVG's namespace name, which is never fetched.
        Assert.Equal(["http://www.w3.org/2000/svg"], ExternalUrl().Matches(script).Select(m => m.Value).Distinct());
        Assert.DoesNotContain("innerHTML", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_group_root_without_its_slash_redirects_to_the_page_keeping_the_path_base()
    {
        await using var app = await OperationsApp.StartAnonymousAsync(pathBase: "/ops");

        using var response = await app.Http.GetAsync("/ops/fga");
        using var page = await app.Http.GetAsync("/ops/fga/");
        using var status = await app.Http.GetAsync("/ops/fga/status");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/ops/fga/", response.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
    }

    [Fact]
    public async Task The_page_can_be_left_out()
    {
        await using var app = await OperationsApp.StartAsync(o => (o.AllowAnonymous, o.StatusPage) = (true, false));

        using var response = await app.Http.GetAsync("/fga/");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [GeneratedRegex("(?:href|src)=\"([^\"]*)\"")]
    private static partial Regex Links();

    [GeneratedRegex(@"<script>|<style|style=""|\son[a-z]+=""")]
    private static partial Regex InlineCode();

    [GeneratedRegex("(?:https?:)?//[a-z0-9.-]+\\.[a-z]{2,}[^\"'\\s)]*", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalUrl();
}
