using TypedFga.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TypedFga.Server.Tests.Sdk;

/// <summary>The official OpenFGA JavaScript SDK, unchanged, against the server on real Kestrel.</summary>
public sealed class JsSdkTests(ServerFixture server, ITestOutputHelper output) : IClassFixture<ServerFixture>
{
    [Fact]
    public Task Official_js_sdk_creates_writes_checks_reads_and_lists() => JsSdkScenario.RunAsync(server, output, token: null);
}

/// <summary>The official JavaScript SDK with an API token against a server that requires preshared keys.</summary>
public sealed class JsSdkAuthenticatedTests(PresharedServerFixture server, ITestOutputHelper output) : IClassFixture<PresharedServerFixture>
{
    [Fact]
    public Task Official_js_sdk_works_with_a_preshared_key() => JsSdkScenario.RunAsync(server, output, PresharedServerFixture.SecondKey);
}
