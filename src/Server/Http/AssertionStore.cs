using System.Text.Json;
using Microsoft.Data.Sqlite;
using TypedFga.Wire;

namespace TypedFga.Server.Http;

/// <summary>
/// Keeps each model's assertions (WriteAssertions / ReadAssertions) in a table beside the engine's data: in the
/// same SQLite file for a file datastore, in memory otherwise. Assertions are tooling data; the engine never reads them.
/// </summary>
internal sealed class AssertionStore : IDisposable
{
    private readonly Lock _gate = new();
    private readonly SqliteConnection _connection;

    public AssertionStore(string connectionString)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        Execute("PRAGMA busy_timeout=5000;");
        Execute("CREATE TABLE IF NOT EXISTS server_assertion (store_id TEXT NOT NULL, model_id TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (store_id, model_id));");
    }

    /// <summary>Replaces the model's assertions.</summary>
    public void Write(string storeId, string modelId, IReadOnlyList<Assertion> assertions)
    {
        var body = JsonSerializer.Serialize(new AssertionsBody { Assertions = assertions }, ApiJson.Contracts.AssertionsBody);
        Execute(
            "INSERT INTO server_assertion (store_id, model_id, body) VALUES ($store, $model, $body) ON CONFLICT (store_id, model_id) DO UPDATE SET body = excluded.body;",
            ("$store", storeId), ("$model", modelId), ("$body", body));
    }

    /// <summary>The model's assertions; empty when none were written.</summary>
    public IReadOnlyList<Assertion> Read(string storeId, string modelId)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT body FROM server_assertion WHERE store_id = $store AND model_id = $model;";
            command.Parameters.AddWithValue("$store", storeId);
            command.Parameters.AddWithValue("$model", modelId);
            return command.ExecuteScalar() is string body
                ? JsonSerializer.Deserialize(body, ApiJson.Contracts.AssertionsBody)?.Assertions ?? []
                : [];
        }
    }

    /// <summary>Forgets a deleted store's assertions.</summary>
    public void DeleteStore(string storeId) =>
        Execute("DELETE FROM server_assertion WHERE store_id = $store;", ("$store", storeId));

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _connection.Dispose();
        }
    }

    private void Execute(string sql, params (string Name, string Value)[] parameters)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            command.ExecuteNonQuery();
        }
    }
}
