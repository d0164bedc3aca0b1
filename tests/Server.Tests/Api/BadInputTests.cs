using System.Net.Http.Headers;
using System.Text;
using TypedFga.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TypedFga.Server.Tests.Api;

/// <summary>
/// Bad input never yields a 500: every case below gets OpenFGA's 4xx status and code name, a message that says
/// what is wrong, and a body that matches OpenFGA's Swagger document.
/// </summary>
public sealed class BadInputTests(ServerFixture server, ITestOutputHelper output) : IClassFixture<ServerFixture>
{
    private const string UnknownId = "01HZZZZZZZZZZZZZZZZZZZZZZZ";

    public static TheoryData<string, string, string, string?, int, string> Cases => new()
    {
        { "malformed JSON", "POST", "stores/{store}/check", """{"tuple_key":""", 400, "validation_error" },
        { "JSON that is not an object", "POST", "stores/{store}/write", "[1,2]", 400, "validation_error" },
        { "a field of the wrong type", "POST", "stores/{store}/read", """{"page_size":"many"}""", 400, "validation_error" },
        { "a null body", "POST", "stores", "null", 400, "validation_error" },
        { "a store name too short", "POST", "stores", """{"name":"x"}""", 400, "validation_error" },
        { "an unknown store", "POST", $"stores/{UnknownId}/check", """{"tuple_key":{"user":"user:anne","relation":"viewer","object":"document:1"}}""", 404, "store_id_not_found" },
        { "an unknown store on get", "GET", $"stores/{UnknownId}", null, 404, "store_id_not_found" },
        { "an unknown store on delete", "DELETE", $"stores/{UnknownId}", null, 404, "store_id_not_found" },
        { "an unknown store on models", "GET", $"stores/{UnknownId}/authorization-models", null, 404, "store_id_not_found" },
        { "a store id that is not a ULID", "POST", "stores/not-a-store/read", "{}", 400, "validation_error" },
        { "an unknown model", "POST", "stores/{store}/check", $$$"""{"authorization_model_id":"{{{UnknownId}}}","tuple_key":{"user":"user:anne","relation":"viewer","object":"document:1"}}""", 400, "authorization_model_not_found" },
        { "an unknown model on read", "GET", $"stores/{{store}}/authorization-models/{UnknownId}", null, 400, "authorization_model_not_found" },
        { "a model id that is not a ULID", "POST", "stores/{store}/check", """{"authorization_model_id":"latest","tuple_key":{"user":"user:anne","relation":"viewer","object":"document:1"}}""", 400, "validation_error" },
        { "a store without a model", "POST", "stores/{empty}/write", """{"writes":{"tuple_keys":[{"user":"user:anne","relation":"viewer","object":"document:1"}]}}""", 400, "latest_authorization_model_not_found" },
        { "an invalid model", "POST", "stores/{store}/authorization-models", """{"schema_version":"1.1","type_definitions":[{"type":"document","relations":{"viewer":{"computedUserset":{"relation":"nosuch"}}}}]}""", 400, "invalid_authorization_model" },
        { "a tuple of an unknown type", "POST", "stores/{store}/write", """{"writes":{"tuple_keys":[{"user":"user:anne","relation":"viewer","object":"folder:1"}]}}""", 400, "type_not_found" },
        { "a tuple of an unknown relation", "POST", "stores/{store}/write", """{"writes":{"tuple_keys":[{"user":"user:anne","relation":"editor","object":"document:1"}]}}""", 400, "relation_not_found" },
        { "a tuple whose object has no type", "POST", "stores/{store}/write", """{"writes":{"tuple_keys":[{"user":"user:anne","relation":"viewer","object":"roadmap"}]}}""", 400, "validation_error" },
        { "a tuple whose user has no type", "POST", "stores/{store}/write", """{"writes":{"tuple_keys":[{"user":"anne","relation":"viewer","object":"document:1"}]}}""", 400, "validation_error" },
        { "a tuple the model does not allow", "POST", "stores/{store}/write", """{"writes":{"tuple_keys":[{"user":"group:eng","relation":"viewer","object":"document:1"}]}}""", 400, "validation_error" },
        { "a write with nothing in it", "POST", "stores/{store}/write", "{}", 400, "invalid_write_input" },
        { "the same tuple twice", "POST", "stores/{store}/write", """{"writes":{"tuple_keys":[{"user":"user:a","relation":"viewer","object":"document:1"},{"user":"user:a","relation":"viewer","object":"document:1"}]}}""", 400, "cannot_allow_duplicate_tuples_in_one_request" },
        { "an unknown on_duplicate", "POST", "stores/{store}/write", """{"writes":{"tuple_keys":[{"user":"user:a","relation":"viewer","object":"document:1"}],"on_duplicate":"overwrite"}}""", 400, "validation_error" },
        { "more than 100 tuples", "POST", "stores/{store}/write", ManyTuples(101), 400, "exceeded_entity_limit" },
        { "deleting a missing tuple", "POST", "stores/{store}/write", """{"deletes":{"tuple_keys":[{"user":"user:zed","relation":"viewer","object":"document:1"}]}}""", 400, "write_failed_due_to_invalid_input" },
        { "an invalid continuation token on read", "POST", "stores/{store}/read", """{"continuation_token":"%%%not-a-token"}""", 400, "invalid_continuation_token" },
        { "an invalid continuation token on stores", "GET", "stores?continuation_token=%25%25%25", null, 400, "invalid_continuation_token" },
        { "an invalid continuation token on changes", "GET", "stores/{store}/changes?continuation_token=bm90LWEtbnVtYmVy", null, 400, "invalid_continuation_token" },
        { "a page size above 100", "POST", "stores/{store}/read", """{"page_size":101}""", 400, "page_size_invalid" },
        { "a negative page size", "GET", "stores?page_size=-1", null, 400, "page_size_invalid" },
        { "a page size that is not a number", "GET", "stores/{store}/authorization-models?page_size=ten", null, 400, "validation_error" },
        { "an invalid start time", "GET", "stores/{store}/changes?start_time=yesterday", null, 400, "invalid_start_time" },
        { "a check without a tuple key", "POST", "stores/{store}/check", "{}", 400, "tuple_key_value_not_specified" },
        { "an expand without a tuple key", "POST", "stores/{store}/expand", "{}", 400, "tuple_key_value_not_specified" },
        { "a check on an unknown relation", "POST", "stores/{store}/check", """{"tuple_key":{"user":"user:anne","relation":"editor","object":"document:1"}}""", 400, "validation_error" },
        { "an invalid contextual tuple", "POST", "stores/{store}/check", """{"tuple_key":{"user":"user:anne","relation":"viewer","object":"document:1"},"contextual_tuples":{"tuple_keys":[{"user":"group:eng","relation":"viewer","object":"document:1"}]}}""", 400, "invalid_tuple" },
        { "a batch check without checks", "POST", "stores/{store}/batch-check", """{"checks":[]}""", 400, "validation_error" },
        { "a batch check with duplicate correlation ids", "POST", "stores/{store}/batch-check", """{"checks":[{"tuple_key":{"user":"user:a","relation":"viewer","object":"document:1"},"correlation_id":"x"},{"tuple_key":{"user":"user:b","relation":"viewer","object":"document:1"},"correlation_id":"x"}]}""", 400, "validation_error" },
        { "a list-objects without a type", "POST", "stores/{store}/list-objects", """{"relation":"viewer","user":"user:anne"}""", 400, "type_not_found" },
        { "a list-users without filters", "POST", "stores/{store}/list-users", """{"object":{"type":"document","id":"1"},"relation":"viewer","user_filters":[]}""", 400, "validation_error" },
        { "assertions for an unknown model", "GET", $"stores/{{store}}/assertions/{UnknownId}", null, 400, "authorization_model_not_found" },
        { "a check field given twice", "POST", "stores/{store}/check", """{"tuple_key":{"user":"user:a","relation":"viewer","object":"document:1"},"tuple_key":{"user":"user:b","relation":"viewer","object":"document:1"}}""", 400, "validation_error" },
        { "a field given twice, once as null", "POST", "stores/{store}/check", """{"tuple_key":null,"tuple_key":{"user":"user:a","relation":"viewer","object":"document:1"}}""", 400, "validation_error" },
        { "a tuple key field given twice", "POST", "stores/{store}/check", """{"tuple_key":{"user":"user:a","user":"user:b","relation":"viewer","object":"document:1"}}""", 400, "validation_error" },
        { "a context key given twice", "POST", "stores/{store}/check", """{"tuple_key":{"user":"user:a","relation":"viewer","object":"document:1"},"context":{"x":1,"x":2}}""", 400, "validation_error" },
        { "a nested context key given twice", "POST", "stores/{store}/check", """{"tuple_key":{"user":"user:a","relation":"viewer","object":"document:1"},"context":{"x":{"y":1,"y":1}}}""", 400, "validation_error" },
        { "a batch check field given twice", "POST", "stores/{store}/batch-check", """{"checks":[{"tuple_key":{"user":"user:a","relation":"viewer","object":"document:1"},"correlation_id":"a","correlation_id":"b"}]}""", 400, "validation_error" },
        { "an expand field given twice", "POST", "stores/{store}/expand", """{"tuple_key":{"relation":"viewer","object":"document:1"},"consistency":"UNSPECIFIED","consistency":"HIGHER_CONSISTENCY"}""", 400, "validation_error" },
        { "a list-objects field given twice", "POST", "stores/{store}/list-objects", """{"type":"document","type":"group","relation":"viewer","user":"user:a"}""", 400, "validation_error" },
        { "a streamed list-objects field given twice", "POST", "stores/{store}/streamed-list-objects", """{"type":"document","relation":"viewer","relation":"owner","user":"user:a"}""", 400, "validation_error" },
        { "a list-users field given twice", "POST", "stores/{store}/list-users", """{"object":{"type":"document","id":"1"},"relation":"viewer","user_filters":[{"type":"user"}],"user_filters":[{"type":"group"}]}""", 400, "validation_error" },
        { "a write field given twice", "POST", "stores/{store}/write", """{"writes":{"tuple_keys":[{"user":"user:a","relation":"viewer","object":"document:1"}],"on_duplicate":"error","on_duplicate":"ignore"}}""", 400, "validation_error" },
        { "a read field given twice", "POST", "stores/{store}/read", """{"page_size":1,"page_size":2}""", 400, "validation_error" },
        { "a store field given twice", "POST", "stores", """{"name":"first-name","name":"second-name"}""", 400, "validation_error" },
        { "a model field given twice", "POST", "stores/{store}/authorization-models", """{"schema_version":"1.1","schema_version":"1.2","type_definitions":[{"type":"user"}]}""", 400, "validation_error" },
        { "a relation defined twice", "POST", "stores/{store}/authorization-models", """{"schema_version":"1.1","type_definitions":[{"type":"user"},{"type":"document","relations":{"viewer":{"this":{}},"viewer":{"this":{}}},"metadata":{"relations":{"viewer":{"directly_related_user_types":[{"type":"user"}]}}}}]}""", 400, "validation_error" },
        { "a userset field in both spellings", "POST", "stores/{store}/authorization-models", """{"schema_version":"1.1","type_definitions":[{"type":"user"},{"type":"document","relations":{"owner":{"this":{}},"viewer":{"computedUserset":{"relation":"owner"},"computed_userset":{"relation":"owner"}}},"metadata":{"relations":{"owner":{"directly_related_user_types":[{"type":"user"}]}}}}]}""", 400, "validation_error" },
        { "a tuple-to-userset field in both spellings", "POST", "stores/{store}/authorization-models", """{"schema_version":"1.1","type_definitions":[{"type":"user"},{"type":"document","relations":{"parent":{"this":{}},"viewer":{"tuple_to_userset":{"tupleset":{"relation":"parent"},"computed_userset":{"relation":"viewer"}},"tupleToUserset":{"tupleset":{"relation":"parent"},"computedUserset":{"relation":"viewer"}}}},"metadata":{"relations":{"parent":{"directly_related_user_types":[{"type":"document"}]}}}}]}""", 400, "validation_error" },
        { "an assertions field given twice", "PUT", "stores/{store}/assertions/{model}", """{"assertions":[],"assertions":[]}""", 400, "validation_error" },
        { "an undefined consistency number", "POST", "stores/{store}/check", """{"tuple_key":{"user":"user:a","relation":"viewer","object":"document:1"},"consistency":300}""", 400, "validation_error" },
        { "a consistency that is neither a name nor a number", "POST", "stores/{store}/read", """{"consistency":["HIGHER_CONSISTENCY"]}""", 400, "validation_error" },
        { "an undefined endpoint", "GET", "stores/{store}/nothing-here", null, 404, "undefined_endpoint" },
        { "a root path", "GET", "", null, 404, "undefined_endpoint" },
        { "a method the path does not take", "PATCH", "stores/{store}", "{}", 404, "unimplemented" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_gets_openfga_4xx_code_and_message(string what, string method, string path, string? body, int status, string code)
    {
        var (store, model, empty) = await StoresAsync();
        var target = path
            .Replace("{store}", store, StringComparison.Ordinal)
            .Replace("{model}", model, StringComparison.Ordinal)
            .Replace("{empty}", empty, StringComparison.Ordinal);
        var answer = await server.SendAsync(new HttpMethod(method), target, body);
        output.WriteLine($"{what}: {answer}");

        Assert.Equal(status, answer.Status);
        Assert.Equal("application/json", answer.MediaType);
        Assert.Equal(code, answer.Code);
        Assert.False(string.IsNullOrWhiteSpace(answer.Message), "the error has no message");
        AssertMatchesSwagger();
    }

    [Fact]
    public async Task Oversized_body_with_a_length_is_a_validation_error()
    {
        var (store, _, _) = await StoresAsync();
        var answer = await server.PostAsync($"stores/{store}/check", Padded(600 * 1024));

        Assert.Equal(400, answer.Status);
        Assert.Equal("validation_error", answer.Code);
        Assert.StartsWith("the request body exceeds the limit of 524288 bytes", answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oversized_chunked_body_is_a_validation_error()
    {
        var (store, _, _) = await StoresAsync();
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(Padded(600 * 1024))));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"stores/{store}/check") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await server.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("\"code\":\"validation_error\"", text, StringComparison.Ordinal);
        Assert.Contains("exceeds the limit", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_just_under_the_limit_is_read()
    {
        var (store, _, _) = await StoresAsync();
        var body = Padded(500 * 1024);
        var answer = await server.PostAsync($"stores/{store}/check", body);

        Assert.Equal(200, answer.Status);
        Assert.False(answer.Json!["allowed"]!.GetValue<bool>());
    }

    private static string ManyTuples(int count) =>
        """{"writes":{"tuple_keys":[""" +
        string.Join(",", Enumerable.Range(0, count).Select(i => $$"""{"user":"user:u{{i}}","relation":"viewer","object":"document:1"}""")) +
        "]}}";

    /// <summary>A valid check whose unknown <c>padding</c> field (ignored, as OpenFGA ignores unknown fields) makes it large.</summary>
    private static string Padded(int size) =>
        $$"""{"tuple_key":{"user":"user:anne","relation":"viewer","object":"document:1"},"padding":"{{new string('x', size)}}"}""";

    private async Task<(string Store, string Model, string Empty)> StoresAsync()
    {
        var (store, model) = await server.CreateStoreWithModelAsync(Models.Documents);
        var empty = (await server.PostAsync("stores", """{"name":"no-model"}""")).Json!["id"]!.GetValue<string>();
        server.Traffic.Clear();
        return (store, model, empty);
    }

    private void AssertMatchesSwagger()
    {
        var contract = SwaggerContract.Load(output);
        if (contract is null)
        {
            return;
        }

        // Only the answers: the requests are wrong on purpose. An undefined endpoint has no operation to check
        // against; its body is checked by the cases above.
        var problems = server.Traffic.Exchanges
            .Where(e => contract.FindTemplate(e.Method, e.Path) is not null)
            .SelectMany(contract.ValidateResponse)
            .ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
