namespace TypedFga.AspNetCore;

/// <summary>
/// Who may call the write-behind endpoints of <c>MapFgaWriteBehind</c>. Set exactly one of
/// <see cref="AuthorizationPolicy"/> and <see cref="AllowAnonymous"/>: with neither, every call is refused with 403,
/// since these endpoints can drop pending operations and dead letters.
/// </summary>
public sealed class FgaWriteBehindEndpointOptions
{
    /// <summary>
    /// The authorization policy a caller must satisfy (registered with <c>AddAuthorization</c>); unauthenticated
    /// callers are challenged (401), others who fail it are forbidden (403).
    /// </summary>
    public string? AuthorizationPolicy { get; set; }

    /// <summary>Opens the endpoints to anyone; for development on a machine of one's own only.</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>Serves the status page at the group's root (<c>GET {prefix}/</c>). Default true.</summary>
    public bool StatusPage { get; set; } = true;
}
