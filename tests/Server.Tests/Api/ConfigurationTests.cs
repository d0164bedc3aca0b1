using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TypedFga.Server.Configuration;

namespace TypedFga.Server.Tests.Api;

/// <summary>Settings: defaults, validation that reports every problem, preshared key lists, the SQLite file datastore.</summary>
public sealed class ConfigurationTests
{
    [Fact]
    public void Defaults_are_memory_no_authentication_and_the_local_address()
    {
        using var app = ServerHost.Build([]);
        var options = app.Services.GetRequiredService<ServerOptions>();

        Assert.Equal(ServerOptions.DefaultUrl, app.Configuration["urls"]);
        Assert.Equal("http://127.0.0.1:8080", ServerOptions.DefaultUrl);
        Assert.Equal(DatastoreOptions.Memory, options.Datastore.Engine);
        Assert.Equal(AuthnOptions.None, options.Authn.Method);
        Assert.Equal(512 * 1024, options.Http.MaxRequestBodyBytes);
    }

    [Fact]
    public void Every_invalid_setting_is_reported_at_once()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ServerOptionsReader.Read(Configuration(
            ("Datastore:Engine", "postgres"), ("Authn:Method", "preshared"), ("Http:MaxRequestBodyBytes", "10"))));

        Assert.Contains("Datastore:Engine must be 'memory' or 'sqlite', not 'postgres'.", error.Message, StringComparison.Ordinal);
        Assert.Contains("Authn:PresharedKeys must list at least one key", error.Message, StringComparison.Ordinal);
        Assert.Contains("Http:MaxRequestBodyBytes must be at least 1024", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sqlite_needs_a_file()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ServerOptionsReader.Read(Configuration(("Datastore:Engine", "sqlite"))));

        Assert.Contains("Datastore:Uri must name the SQLite file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Preshared_keys_are_read_from_a_list_or_a_comma_separated_value()
    {
        var listed = ServerOptionsReader.Read(Configuration(("Authn:Method", "preshared"), ("Authn:PresharedKeys:0", "k1"), ("Authn:PresharedKeys:1", "k2")));
        var joined = ServerOptionsReader.Read(Configuration(("Authn:Method", "preshared"), ("Authn:PresharedKeys", "k1, k2")));

        Assert.Equal(["k1", "k2"], listed.Authn.PresharedKeys);
        Assert.Equal(["k1", "k2"], joined.Authn.PresharedKeys);
    }

    [Fact]
    public void A_file_path_becomes_an_absolute_data_source()
    {
        var connection = ServerOptionsReader.ConnectionString(new DatastoreOptions { Engine = "sqlite", Uri = "fga.db" });

        Assert.Equal("Data Source=" + Path.GetFullPath("fga.db"), connection);
        Assert.Equal("Data Source=:memory:", ServerOptionsReader.ConnectionString(new DatastoreOptions()));
    }

    [Fact]
    public async Task A_sqlite_file_keeps_stores_models_and_tuples_across_restarts()
    {
        var directory = Directory.CreateTempSubdirectory("typedfga-server-");
        var file = Path.Combine(directory.FullName, "fga.db");
        try
        {
            string storeId;
            await using (var first = await StartAsync(file))
            {
                using var http = Client(first);
                var store = await http.PostAsync("stores", Json("""{"name":"durable"}"""));
                storeId = System.Text.Json.Nodes.JsonNode.Parse(await store.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
                (await http.PostAsync($"stores/{storeId}/authorization-models", Json(Infrastructure.Models.Documents))).EnsureSuccessStatusCode();
                (await http.PostAsync($"stores/{storeId}/write", Json("""{"writes":{"tuple_keys":[{"user":"user:anne","relation":"owner","object":"document:1"}]}}"""))).EnsureSuccessStatusCode();
                await first.StopAsync();
            }

            await using var second = await StartAsync(file);
            using var again = Client(second);
            var check = await again.PostAsync($"stores/{storeId}/check", Json("""{"tuple_key":{"user":"user:anne","relation":"viewer","object":"document:1"}}"""));

            Assert.Equal("""{"allowed":true,"resolution":""}""", await check.Content.ReadAsStringAsync());
            await second.StopAsync();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    private static async Task<WebApplication> StartAsync(string file)
    {
        var app = ServerHost.Build(["--urls", "http://127.0.0.1:0", "--Datastore:Engine=sqlite", $"--Datastore:Uri={file}", "--Logging:LogLevel:Default=Warning"]);
        await app.StartAsync();
        return app;
    }

    private static HttpClient Client(WebApplication app) => new()
    {
        BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/"),
    };

    private static StringContent Json(string text) => new(text, System.Text.Encoding.UTF8, "application/json");

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
