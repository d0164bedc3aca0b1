namespace TypedFga.AspNetCore.StatusPage;

/// <summary>A file of the status page, read once from the assembly's resources.</summary>
internal sealed record StatusPageAsset(byte[] Content, string ContentType)
{
    public static StatusPageAsset Load(string name, string contentType)
    {
        var resource = $"TypedFga.AspNetCore.{name}";
        using var stream = typeof(StatusPageAsset).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The resource {resource} is missing from TypedFga.AspNetCore.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return new StatusPageAsset(copy.ToArray(), contentType);
    }
}
