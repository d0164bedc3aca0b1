namespace TypedFga.Wire;

/// <summary>WriteAuthorizationModel's answer.</summary>
/// <remarks>Public for the model administration; see <see cref="CreateStoreRequest"/>.</remarks>
public sealed record WriteAuthorizationModelResponse
{
    /// <summary>The new model's id; a null sent by a server reads as empty.</summary>
    public string AuthorizationModelId { get; init => field = value ?? ""; } = "";
}

/// <summary>ReadAuthorizationModel's answer.</summary>
internal sealed record ReadAuthorizationModelResponse
{
    /// <summary>The model.</summary>
    public AuthorizationModel? AuthorizationModel { get; init; }
}

/// <summary>ReadAuthorizationModels' page, newest first.</summary>
internal sealed record ReadAuthorizationModelsResponse
{
    // OpenFGA always sends the list and the token; a null reads as empty, as protojson reads it.

    /// <summary>The models of this page.</summary>
    public IReadOnlyList<AuthorizationModel> AuthorizationModels { get; init => field = value ?? []; } = [];

    /// <summary>The token of the next page, or empty.</summary>
    public string ContinuationToken { get; init => field = value ?? ""; } = "";
}
