using TypedFga.Embedded;

namespace TypedFga.Server.Http;

/// <summary>
/// Finds the model a request runs against, so the answer can name it in the
/// <c>Openfga-Authorization-Model-Id</c> header as OpenFGA does: the requested id, or the store's latest.
/// </summary>
internal static class ModelResolution
{
    /// <summary>The response header that names the model a request was served with.</summary>
    public const string Header = "Openfga-Authorization-Model-Id";

    /// <summary>
    /// The requested model id (validated as a ULID) or the store's latest; null when the store has no model,
    /// which the engine then reports as <c>latest_authorization_model_not_found</c>.
    /// </summary>
    public static async Task<string?> ResolveAsync(EmbeddedOpenFga engine, string storeId, string? requested, string requestName, CancellationToken cancellationToken)
    {
        if (RequestValues.ModelId(requested, requestName) is { Length: > 0 } id)
        {
            return id;
        }

        var latest = await engine.ReadAuthorizationModelsAsync(storeId, pageSize: 1, cancellationToken: cancellationToken);
        return latest.AuthorizationModels.Count > 0 ? latest.AuthorizationModels[0].Id : null;
    }

    /// <summary>Names the model in the response.</summary>
    public static void SetHeader(HttpContext context, string? modelId)
    {
        if (!string.IsNullOrEmpty(modelId))
        {
            context.Response.Headers[Header] = modelId;
        }
    }
}
