using System.Text;
using System.Text.Json;
using TypedFga.Embedded.Authorization;
using TypedFga.Embedded.Errors;
using TypedFga.Wire;

namespace TypedFga.Embedded;

public sealed partial class EmbeddedOpenFga
{
    /// <summary>
    /// Validates and stores a model (the WriteAuthorizationModel body); it becomes the store's latest.
    /// Invalid models fail with <c>invalid_authorization_model</c>, limits with <c>exceeded_entity_limit</c>.
    /// </summary>
    internal Task<WriteAuthorizationModelResponse> WriteAuthorizationModelAsync(string storeId, AuthorizationModel model, CancellationToken cancellationToken = default) =>
        Write(writer =>
        {
            ArgumentNullException.ThrowIfNull(model);
            RequireStore(writer.Reader, storeId);
            var body = JsonSerializer.Serialize(model with { Id = null }, FgaApiJsonContext.Default.AuthorizationModel);
            if (Encoding.UTF8.GetByteCount(body) > _options.MaxAuthorizationModelSizeInBytes)
            {
                throw new FgaEngineException(FgaErrorCode.ExceededEntityLimit, $"model exceeds size limit: {Encoding.UTF8.GetByteCount(body)} bytes vs {_options.MaxAuthorizationModelSizeInBytes} bytes");
            }

            ModelValidator.Validate(model, _options.MaxTypesPerAuthorizationModel, cancellationToken);
            var id = _ids.Next();
            writer.InsertModel(storeId, id, model.SchemaVersion!, body, _options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds());
            return new WriteAuthorizationModelResponse { AuthorizationModelId = id };
        }, cancellationToken);

    /// <summary>Parses OpenFGA model JSON and writes it; see <see cref="WriteAuthorizationModelAsync(string, AuthorizationModel, CancellationToken)"/>.</summary>
    public Task<WriteAuthorizationModelResponse> WriteAuthorizationModelAsync(string storeId, string modelJson, CancellationToken cancellationToken = default)
    {
        AuthorizationModel model;
        try
        {
            model = JsonSerializer.Deserialize(modelJson, FgaApiJsonContext.Default.AuthorizationModel)
                ?? throw FgaEngineException.Validation("the model JSON is empty");
        }
        catch (JsonException e)
        {
            return Task.FromException<WriteAuthorizationModelResponse>(FgaEngineException.Validation($"the model JSON is malformed: {e.Message}"));
        }
        catch (FgaEngineException e)
        {
            return Task.FromException<WriteAuthorizationModelResponse>(e);
        }

        return WriteAuthorizationModelAsync(storeId, model, cancellationToken);
    }

    /// <summary>Reads a model by id.</summary>
    internal Task<ReadAuthorizationModelResponse> ReadAuthorizationModelAsync(string storeId, string modelId, CancellationToken cancellationToken = default) =>
        Read(reader =>
        {
            RequireStore(reader, storeId);
            var body = reader.GetModelBody(storeId, modelId ?? "")
                ?? throw new FgaEngineException(FgaErrorCode.AuthorizationModelNotFound, $"Authorization Model '{modelId}' not found");
            return new ReadAuthorizationModelResponse { AuthorizationModel = Parse(modelId!, body) };
        }, cancellationToken);

    /// <summary>Lists the store's models, newest first.</summary>
    internal Task<ReadAuthorizationModelsResponse> ReadAuthorizationModelsAsync(string storeId, int? pageSize = null, string? continuationToken = null, CancellationToken cancellationToken = default) =>
        Read(reader =>
        {
            RequireStore(reader, storeId);
            var size = PageSize(pageSize);
            var rows = reader.ListModels(storeId, ContinuationToken.Decode(continuationToken), size + 1);
            var page = rows.Take(size).Select(r => Parse(r.Id, r.Body)).ToList();
            return new ReadAuthorizationModelsResponse
            {
                AuthorizationModels = page,
                ContinuationToken = rows.Count > size ? ContinuationToken.Encode(page[^1].Id!) : "",
            };
        }, cancellationToken);

    private static AuthorizationModel Parse(string id, string body) =>
        JsonSerializer.Deserialize(body, FgaApiJsonContext.Default.AuthorizationModel)! with { Id = id };
}
