using TypedFga.Pipeline.Tests.Infrastructure;
using TypedFga.Runtime.Tests.Outbox.PostgreSql;

namespace TypedFga.Pipeline.Tests.Cluster;

/// <summary>Application nodes that share one PostgreSQL outbox and write behind to one store of the test server.</summary>
internal static class PostgreSqlNodes
{
    /// <summary>A node's settings: <see cref="PipelineHost.Settings"/> with the shared outbox instead of a file.</summary>
    public static Dictionary<string, string?> Settings(FgaServerFixture server, string storeId, PostgreSqlServer database, bool cache = false)
    {
        var settings = PipelineHost.Settings(server, storeId, outbox: "unused.db");
        settings.Remove("Fga:WriteBehind:Outbox");
        settings["Fga:WriteBehind:Store"] = "PostgreSql";
        settings["Fga:WriteBehind:ConnectionString"] = database.ConnectionString;
        settings["Fga:Cache:Enabled"] = cache ? "true" : "false";
        settings["Fga:Cache:Ttl"] = "00:05:00";
        return settings;
    }

    public static async Task<PipelineHost> StartAsync(IDictionary<string, string?> settings)
    {
        var host = PipelineHost.Build(settings);
        await host.StartAsync();
        return host;
    }
}
