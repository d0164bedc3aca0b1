using TypedFga.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TypedFga.Server.Tests.Api;

/// <summary>
/// Enum and integer values in request bodies, read as protojson reads them: an enum by its value's name or
/// number, an integer as a number or a string. Answers keep writing enums as names.
/// </summary>
public sealed class EnumAndNumberInputTests(ServerFixture server, ITestOutputHelper output) : IClassFixture<ServerFixture>
{
    /// <summary>user; document (viewer: [user with below_limit]); below_limit(count int, allowed list&lt;string&gt;).</summary>
    private const string ConditionModelTemplate = """
        {
          "schema_version": "1.1",
          "type_definitions": [
            { "type": "user" },
            {
              "type": "document",
              "relations": { "viewer": { "this": {} } },
              "metadata": { "relations": { "viewer": { "directly_related_user_types": [ { "type": "user", "condition": "below_limit" } ] } } }
            }
          ],
          "conditions": {
            "below_limit": {
              "name": "below_limit",
              "expression": "count < 5 && 'read' in allowed",
              "parameters": {
                "count": { "type_name": {int} },
                "allowed": { "type_name": {list}, "generic_types": [ { "type_name": {string} } ] }
              }
            }
          }
        }
        """;

    /// <summary>Every endpoint whose body has a <c>consistency</c>, with the value left as a placeholder.</summary>
    public static IEnumerable<(string Endpoint, string Body)> ConsistencyBodies =>
    [
        ("check", """{"tuple_key":{"user":"user:anne","relation":"viewer","object":"document:1"},"consistency":{c}}"""),
        ("batch-check", """{"checks":[{"tuple_key":{"user":"user:anne","relation":"viewer","object":"document:1"},"correlation_id":"a"}],"consistency":{c}}"""),
        ("expand", """{"tuple_key":{"relation":"viewer","object":"document:1"},"consistency":{c}}"""),
        ("list-objects", """{"type":"document","relation":"viewer","user":"user:anne","consistency":{c}}"""),
        ("streamed-list-objects", """{"type":"document","relation":"viewer","user":"user:anne","consistency":{c}}"""),
        ("list-users", """{"object":{"type":"document","id":"1"},"relation":"viewer","user_filters":[{"type":"user"}],"consistency":{c}}"""),
        ("read", """{"tuple_key":{"object":"document:1"},"consistency":{c}}"""),
    ];

    public static TheoryData<string, string, string, int> ConsistencyByNameAndNumber()
    {
        var data = new TheoryData<string, string, string, int>();
        foreach (var (endpoint, body) in ConsistencyBodies)
        {
            foreach (var (name, number) in new[] { ("UNSPECIFIED", 0), ("MINIMIZE_LATENCY", 100), ("HIGHER_CONSISTENCY", 200) })
            {
                data.Add(endpoint, body, name, number);
            }
        }

        return data;
    }

    public static TheoryData<string, string> ConsistencyEndpoints()
    {
        var data = new TheoryData<string, string>();
        foreach (var (endpoint, body) in ConsistencyBodies)
        {
            data.Add(endpoint, body);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ConsistencyByNameAndNumber))]
    public async Task Consistency_by_number_gets_the_answer_of_consistency_by_name(string endpoint, string body, string name, int number)
    {
        var store = await StoreWithTuplesAsync();

        var byName = await server.PostAsync($"stores/{store}/{endpoint}", body.Replace("{c}", $"\"{name}\"", StringComparison.Ordinal));
        var byNumber = await server.PostAsync($"stores/{store}/{endpoint}", body.Replace("{c}", number.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        output.WriteLine($"{endpoint} {name}: {byName}");

        Assert.Equal(200, byName.Status);
        Assert.Equal(byName.Status, byNumber.Status);
        Assert.Equal(byName.Body, byNumber.Body);
    }

    [Theory]
    [MemberData(nameof(ConsistencyEndpoints))]
    public async Task An_undefined_consistency_number_is_a_validation_error_and_an_unknown_name_is_ignored(string endpoint, string body)
    {
        var store = await StoreWithTuplesAsync();

        var undefinedNumber = await server.PostAsync($"stores/{store}/{endpoint}", body.Replace("{c}", "7", StringComparison.Ordinal));
        var unknownName = await server.PostAsync($"stores/{store}/{endpoint}", body.Replace("{c}", "\"EVENTUALLY\"", StringComparison.Ordinal));
        var absent = await server.PostAsync($"stores/{store}/{endpoint}", body.Replace(",\"consistency\":{c}", "", StringComparison.Ordinal));
        output.WriteLine($"{endpoint}: {undefinedNumber}");

        Assert.Equal(400, undefinedNumber.Status);
        Assert.Equal("validation_error", undefinedNumber.Code);
        Assert.Contains("consistency: 7 is not a defined ConsistencyPreference value", undefinedNumber.Message, StringComparison.Ordinal);
        Assert.Equal(200, absent.Status);
        Assert.Equal(absent.Body, unknownName.Body);
    }

    [Theory]
    [InlineData("names", "\"TYPE_NAME_INT\"", "\"TYPE_NAME_LIST\"", "\"TYPE_NAME_STRING\"")]
    [InlineData("numbers", "4", "10", "3")]
    [InlineData("names and numbers", "4", "\"TYPE_NAME_LIST\"", "3")]
    public async Task Condition_parameter_types_may_be_names_or_numbers_and_are_answered_as_names(string what, string intType, string listType, string stringType)
    {
        var (store, model) = await server.CreateStoreWithModelAsync(ConditionModel(intType, listType, stringType));
        var read = await server.GetAsync($"stores/{store}/authorization-models/{model}");
        await server.PostAsync($"stores/{store}/write", """{"writes":{"tuple_keys":[{"user":"user:anne","relation":"viewer","object":"document:1","condition":{"name":"below_limit","context":{"allowed":["read"]}}}]}}""");
        var below = await CheckAsync(store, """{"count":4}""");
        var above = await CheckAsync(store, """{"count":5}""");
        output.WriteLine($"{what}: {read.Body}");

        var parameters = read.Json!["authorization_model"]!["conditions"]!["below_limit"]!["parameters"]!;
        Assert.Equal("TYPE_NAME_INT", parameters["count"]!["type_name"]!.GetValue<string>());
        Assert.Equal("TYPE_NAME_LIST", parameters["allowed"]!["type_name"]!.GetValue<string>());
        Assert.Equal("TYPE_NAME_STRING", parameters["allowed"]!["generic_types"]![0]!["type_name"]!.GetValue<string>());
        Assert.True(below);
        Assert.False(above);
    }

    [Theory]
    [InlineData("99", "99 is not a defined ConditionParamTypeRef.TypeName value")]
    [InlineData("-1", "-1 is not a defined ConditionParamTypeRef.TypeName value")]
    [InlineData("4.5", "4.5 is not a defined ConditionParamTypeRef.TypeName value")]
    [InlineData("true", "expected the name or the number of a ConditionParamTypeRef.TypeName value, not true")]
    [InlineData("{}", "expected the name or the number of a ConditionParamTypeRef.TypeName value, not an object")]
    public async Task A_condition_parameter_type_that_is_neither_a_defined_number_nor_a_name_is_a_validation_error(string value, string message)
    {
        var (store, _) = await server.CreateStoreWithModelAsync(Models.Documents);

        var answer = await server.PostAsync($"stores/{store}/authorization-models", ConditionModel(value, "10", "3"));
        output.WriteLine(answer.ToString());

        Assert.Equal(400, answer.Status);
        Assert.Equal("validation_error", answer.Code);
        Assert.Contains("invalid value for enum field type_name: " + message, answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_size_may_be_a_string_holding_an_integer()
    {
        var store = await StoreWithTuplesAsync();

        var asNumber = await server.PostAsync($"stores/{store}/read", """{"page_size":1}""");
        var asString = await server.PostAsync($"stores/{store}/read", """{"page_size":"1"}""");
        var notAnInteger = await server.PostAsync($"stores/{store}/read", """{"page_size":"1.5"}""");

        Assert.Equal(200, asString.Status);
        Assert.Single(asString.Json!["tuples"]!.AsArray());
        Assert.Equal(asNumber.Body, asString.Body);
        Assert.Equal(400, notAnInteger.Status);
        Assert.Equal("validation_error", notAnInteger.Code);
    }

    private static string ConditionModel(string intType, string listType, string stringType) =>
        ConditionModelTemplate
            .Replace("{int}", intType, StringComparison.Ordinal)
            .Replace("{list}", listType, StringComparison.Ordinal)
            .Replace("{string}", stringType, StringComparison.Ordinal);

    private async Task<bool> CheckAsync(string store, string context)
    {
        var answer = await server.PostAsync($"stores/{store}/check", $$$"""{"tuple_key":{"user":"user:anne","relation":"viewer","object":"document:1"},"context":{{{context}}}}""");
        Assert.Equal(200, answer.Status);
        return answer.Json!["allowed"]!.GetValue<bool>();
    }

    private async Task<string> StoreWithTuplesAsync()
    {
        var (store, _) = await server.CreateStoreWithModelAsync(Models.Documents);
        var written = await server.PostAsync($"stores/{store}/write", """
            {"writes":{"tuple_keys":[
              {"user":"user:anne","relation":"viewer","object":"document:1"},
              {"user":"user:anne","relation":"owner","object":"document:1"},
              {"user":"group:eng#member","relation":"viewer","object":"document:1"}]}}
            """);
        Assert.Equal(200, written.Status);
        return store;
    }
}
