using System.Buffers;
using System.Text.Json;
using TypedFga.Embedded.Errors;
using TypedFga.Server.Configuration;

namespace TypedFga.Server.Http;

/// <summary>
/// Reads a JSON request body within the configured size limit, by the rules of <see cref="RequestJson"/>. Like
/// OpenFGA's gateway it treats an empty body as an empty message and ignores unknown fields; malformed JSON,
/// a field or key given twice, and oversized bodies are 400 <c>validation_error</c>s that say what is wrong,
/// never a 500.
/// </summary>
internal sealed class RequestBody(ServerOptions options)
{
    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    /// <summary>Reads and deserialises the body as a <typeparamref name="T"/>.</summary>
    public async Task<T> ReadAsync<T>(HttpContext context)
        where T : class
    {
        var limit = options.Http.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            throw TooLarge(limit);
        }

        var buffer = new ArrayBufferWriter<byte>(4096);
        try
        {
            while (true)
            {
                var memory = buffer.GetMemory(8192);
                var read = await context.Request.Body.ReadAsync(memory, context.RequestAborted);
                if (read == 0)
                {
                    break;
                }

                buffer.Advance(read);
                if (buffer.WrittenCount > limit)
                {
                    throw TooLarge(limit);
                }
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(limit);
        }

        var bytes = buffer.WrittenCount == 0 ? EmptyObject : buffer.WrittenMemory;
        try
        {
            return JsonSerializer.Deserialize(bytes.Span, RequestJson.For<T>())
                ?? throw ApiErrors.Validation("the request body must be a JSON object, not null");
        }
        catch (JsonException e)
        {
            throw ApiErrors.Validation("invalid JSON in the request body: " + e.Message);
        }
        catch (ArgumentException)
        {
            // A context (JsonObject) reports a key given twice as an ArgumentException, not a JsonException.
            throw ApiErrors.Validation("invalid JSON in the request body: a context gives the same key twice");
        }
    }

    private static FgaEngineException TooLarge(long limit) =>
        ApiErrors.Validation($"the request body exceeds the limit of {limit} bytes (Http:MaxRequestBodyBytes)");
}
