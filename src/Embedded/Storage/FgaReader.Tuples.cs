using System.Text.Json.Nodes;
using TypedFga.Embedded.Authorization;

namespace TypedFga.Embedded.Storage;

internal sealed partial class FgaReader
{
    private readonly NativeStatement _readUserTuple;
    private readonly NativeStatement _readUsersetTuples;
    private readonly NativeStatement _readTuples;
    private readonly NativeStatement _readObjectsByUser;
    private readonly NativeStatement _readStore;

    /// <summary>The tuple object#relation@user, exactly; null when absent.</summary>
    public StoredTuple? ReadUserTuple(string storeId, string objectType, string objectId, string relation, TupleUser user)
    {
        var statement = _readUserTuple;
        try
        {
            BindObject(statement, storeId, objectType, objectId, relation);
            statement.Bind(5, user.Type);
            statement.Bind(6, user.Id);
            statement.Bind(7, user.Relation);
            return statement.Step()
                ? new StoredTuple(objectType, objectId, relation, user, statement.NullableText(0), ParseContext(statement, 1))
                : null;
        }
        finally
        {
            statement.Reset();
        }
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
        var statement = _readObjectsByUser;
        try
        {
            statement.Bind(1, storeId);
            statement.Bind(2, objectType);
            statement.Bind(3, relation);
            statement.Bind(4, user.Type);
            statement.Bind(5, user.Id);
            statement.Bind(6, user.Relation);
            var result = new List<string>();
            while (statement.Step())
            {
                result.Add(statement.Text(0));
            }

            return result;
        }
        finally
        {
            statement.Reset();
        }
    }

    public StoreRow? GetStore(string id)
    {
        var statement = _readStore;
        try
        {
            statement.Bind(1, id);
            return statement.Step()
                ? new StoreRow(statement.Text(0), statement.Text(1), statement.Int64(2), statement.Int64(3), statement.IsNull(4) ? null : statement.Int64(4))
                : null;
        }
        finally
        {
            statement.Reset();
        }
    }

    private static List<StoredTuple> ReadTuples(NativeStatement statement, string storeId, string objectType, string objectId, string relation)
    {
        try
        {
            BindObject(statement, storeId, objectType, objectId, relation);
            var result = new List<StoredTuple>();
            while (statement.Step())
            {
                var user = new TupleUser(statement.Text(0), statement.Text(1), statement.Text(2));
                result.Add(new StoredTuple(objectType, objectId, relation, user, statement.NullableText(3), ParseContext(statement, 4)));
            }

            return result;
        }
        finally
        {
            statement.Reset();
        }
    }

    private static void BindObject(NativeStatement statement, string storeId, string objectType, string objectId, string relation)
    {
        statement.Bind(1, storeId);
        statement.Bind(2, objectType);
        statement.Bind(3, objectId);
        statement.Bind(4, relation);
    }

    private static JsonObject? ParseContext(NativeStatement statement, int column) =>
        statement.IsNull(column) ? null : JsonNode.Parse(statement.Text(column))?.AsObject();
}
