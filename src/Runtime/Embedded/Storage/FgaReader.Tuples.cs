using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using TypedFga.Authorization;

namespace TypedFga.Embedded.Storage;

internal sealed partial class FgaReader
{
    private readonly SqliteCommand _readUserTuple;
    private readonly SqliteCommand _readUsersetTuples;
    private readonly SqliteCommand _readTuples;
    private readonly SqliteCommand _readObjectsByUser;
    private readonly SqliteCommand _readStore;

    /// <summary>The tuple object#relation@user, exactly; null when absent.</summary>
    public StoredTuple? ReadUserTuple(string storeId, string objectType, string objectId, string relation, TupleUser user)
    {
        var p = _readUserTuple.Parameters;
        p[0].Value = storeId;
        p[1].Value = objectType;
        p[2].Value = objectId;
        p[3].Value = relation;
        p[4].Value = user.Type;
        p[5].Value = user.Id;
        p[6].Value = user.Relation;
        using var reader = _readUserTuple.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        return new StoredTuple(objectType, objectId, relation, user, reader.IsDBNull(0) ? null : reader.GetString(0), ParseContext(reader, 1));
    }

    /// <summary>The tuples of object#relation whose user is a userset (group:eng#member).</summary>
    public List<StoredTuple> ReadUsersetTuples(string storeId, string objectType, string objectId, string relation) =>
        ReadTuples(_readUsersetTuples, storeId, objectType, objectId, relation);

    /// <summary>Every tuple of object#relation.</summary>
    public List<StoredTuple> ReadTuples(string storeId, string objectType, string objectId, string relation) =>
        ReadTuples(_readTuples, storeId, objectType, objectId, relation);

    /// <summary>The ids of the objects with a tuple objectType:id#relation@user (the by-user index).</summary>
    public List<string> ReadObjectIdsWithUser(string storeId, string objectType, string relation, TupleUser user)
    {
        var p = _readObjectsByUser.Parameters;
        p[0].Value = storeId;
        p[1].Value = objectType;
        p[2].Value = relation;
        p[3].Value = user.Type;
        p[4].Value = user.Id;
        p[5].Value = user.Relation;
        var result = new List<string>();
        using var reader = _readObjectsByUser.ExecuteReader();
        while (reader.Read())
        {
            result.Add(reader.GetString(0));
        }

        return result;
    }

    private static List<StoredTuple> ReadTuples(SqliteCommand command, string storeId, string objectType, string objectId, string relation)
    {
        var p = command.Parameters;
        p[0].Value = storeId;
        p[1].Value = objectType;
        p[2].Value = objectId;
        p[3].Value = relation;
        var result = new List<StoredTuple>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var user = new TupleUser(reader.GetString(0), reader.GetString(1), reader.GetString(2));
            result.Add(new StoredTuple(objectType, objectId, relation, user, reader.IsDBNull(3) ? null : reader.GetString(3), ParseContext(reader, 4)));
        }

        return result;
    }

    private static JsonObject? ParseContext(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : JsonNode.Parse(reader.GetString(ordinal))?.AsObject();
}
