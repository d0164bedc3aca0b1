using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using TypedFga.Server.Faults;
using TypedFga.Server.Tests.Infrastructure;

namespace TypedFga.Server.Tests.Api;

/// <summary>The test-only fault hook: delays, N failures with a status and code, dropped connections, throttling.</summary>
public sealed class FaultInjectionTests(ServerFixture server) : IClassFixture<ServerFixture>, IDisposable
{
    public void Dispose() => server.Faults.Reset();

    [Fact]
    public async Task N_failures_then_normal_answers()
    {
        server.Faults.FailNext(2, 503, "unavailable", "the datastore is restarting");

        var first = await server.GetAsync("stores");
        var second = await server.GetAsync("stores");
        var third = await server.GetAsync("stores");

        Assert.Equal((503, "unavailable"), (first.Status, first.Code));
        Assert.Equal((503, "unavailable"), (second.Status, second.Code));
        Assert.Equal(200, third.Status);
    }

    [Fact]
    public async Task Throttling_is_422_throttled_timeout_error()
    {
        server.Faults.Enqueue(Fault.Throttled());

        var answer = await server.GetAsync("stores");

        Assert.Equal(422, answer.Status);
        Assert.Equal("throttled_timeout_error", answer.Code);
        Assert.Equal("timeout due to throttling on complex request", answer.Message);
    }

    [Fact]
    public async Task A_dropped_connection_gives_the_caller_a_network_error()
    {
        server.Faults.Enqueue(Fault.Drop());

        await Assert.ThrowsAsync<HttpRequestException>(() => server.Http.GetAsync("stores"));
        Assert.Equal(200, (await server.GetAsync("stores")).Status);
    }

    [Fact]
    public async Task A_delay_holds_the_answer_back()
    {
        server.Faults.Enqueue(Fault.Latency(TimeSpan.FromMilliseconds(300)));

        var watch = Stopwatch.StartNew();
        var answer = await server.GetAsync("stores");

        Assert.Equal(200, answer.Status);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(250), $"answered after {watch.Elapsed}");
    }

    [Fact]
    public async Task A_standing_latency_delays_every_request_until_reset()
    {
        server.Faults.SetLatency(TimeSpan.FromMilliseconds(150));
        var before = server.Faults.Injected;

        await server.GetAsync("stores");
        await server.GetAsync("healthz");
        server.Faults.Reset();
        await server.GetAsync("stores");

        Assert.Equal(before + 2, server.Faults.Injected);
    }

    [Fact]
    public async Task Faults_can_target_one_kind_of_request()
    {
        server.Faults.FailNext(1, 500, "internal_error", "injected", request => request.Path.Value!.EndsWith("/check", StringComparison.Ordinal));
        var (store, _) = await server.CreateStoreWithModelAsync(Models.Documents);

        var read = await server.PostAsync($"stores/{store}/read", "{}");
        var check = await server.PostAsync($"stores/{store}/check", """{"tuple_key":{"user":"user:a","relation":"viewer","object":"document:1"}}""");

        Assert.Equal(200, read.Status);
        Assert.Equal((500, "internal_error"), (check.Status, check.Code));
    }

    [Fact]
    public void A_server_built_from_configuration_alone_injects_no_faults()
    {
        // Even with settings that look like fault switches, only code can install an injector.
        using var app = ServerHost.Build(["--urls", "http://127.0.0.1:0", "--Faults:Enabled=true", "--FaultInjection:Mode=drop"]);

        Assert.IsType<NoFaultInjector>(app.Services.GetRequiredService<IFaultInjector>());
    }

    [Fact]
    public void Faults_are_validated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Fault.Error(200, "ok", "not a failure"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Fault.Latency(TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => server.Faults.Enqueue(Fault.Drop(), count: 0));
    }
}
