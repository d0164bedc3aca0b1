using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TypedFga.AspNetCore.Tests.Infrastructure;

namespace TypedFga.AspNetCore.Tests;

/// <summary>Who may call the endpoints: nobody until configured, then the policy's callers, or anyone when opted out.</summary>
public sealed class AccessTests
{
    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "/fga/status" },
        { "GET", "/fga/pending" },
        { "DELETE", "/fga/pending" },
        { "POST", "/fga/flush" },
        { "GET", "/fga/dead-letters" },
        { "POST", "/fga/dead-letters/retry" },
        { "DELETE", "/fga/dead-letters" },
        { "GET", "/fga/history" },
        { "GET", "/fga/" },
        { "GET", "/fga/status-page.js" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Without_a_policy_or_an_opt_out_every_endpoint_refuses_with_a_problem_saying_what_to_configure(string method, string path)
    {
        await using var app = await OperationsApp.StartAsync(configure: null);
        await app.Client.GrantAsync(new TupleKey("user:anne", "viewer", "document:d"));

        using var response = await app.Http.SendAsync(OperationsApp.As("operator", new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Contains("AuthorizationPolicy", problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        // Refused means nothing happened.
        Assert.Equal(1, (await app.Cache.GetPendingCountAsync()).Total);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task With_a_policy_anonymous_callers_are_challenged_and_other_roles_forbidden(string method, string path)
    {
        await using var app = await OperationsApp.StartAsync(o => o.AuthorizationPolicy = OperationsApp.OperatorPolicy);

        using var anonymous = await app.Http.SendAsync(OperationsApp.As(null, new HttpMethod(method), path));
        using var reader = await app.Http.SendAsync(OperationsApp.As("reader", new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reader.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task With_a_policy_its_callers_get_through(string method, string path)
    {
        await using var app = await OperationsApp.StartAsync(o => o.AuthorizationPolicy = OperationsApp.OperatorPolicy);

        using var response = await app.Http.SendAsync(OperationsApp.As("operator", new HttpMethod(method), path));

        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {response.StatusCode}");
    }

    [Fact]
    public async Task The_opt_out_lets_anonymous_callers_in()
    {
        await using var app = await OperationsApp.StartAnonymousAsync();

        using var response = await app.Http.GetAsync("/fga/status");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_policy_and_the_opt_out_together_are_refused_at_start()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            OperationsApp.StartAsync(o => (o.AuthorizationPolicy, o.AllowAnonymous) = (OperationsApp.OperatorPolicy, true)));

        Assert.Contains("not both", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mapping_without_AddFga_says_what_is_missing()
    {
        var app = WebApplication.CreateBuilder().Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapFgaWriteBehind("/fga", o => o.AllowAnonymous = true));

        Assert.Contains("AddFga", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_group_builder_is_returned_so_that_callers_can_add_conventions()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddFga(Fga.Model);
        var app = builder.Build();

        var group = app.MapFgaWriteBehind("/fga", o => o.AllowAnonymous = true).WithTags("operations");

        Assert.NotNull(group);
        await app.DisposeAsync();
    }
}
