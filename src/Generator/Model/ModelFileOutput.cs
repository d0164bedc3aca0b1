using TypedFga.Language.Model;

namespace TypedFga.Generator.Model;

/// <summary>What the generator reports and emits for one distinct model file.</summary>
/// <param name="FilePath">The model file.</param>
/// <param name="Spec">The spec to emit, or null when nothing is generated for the file.</param>
/// <param name="Diagnostics">Everything to report for the file.</param>
internal sealed record ModelFileOutput(string FilePath, ModelSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>The file name without its folder, as shown in the generated documentation.</summary>
    public string FileName
    {
        get
        {
            var slash = FilePath.LastIndexOfAny(['/', '\\']);
            return slash < 0 ? FilePath : FilePath.Substring(slash + 1);
        }
    }
}
