namespace TypedFga.Generator.Parsing;

/// <summary>One <c>.fga</c> additional file with the namespace chosen for it, as plain values.</summary>
/// <param name="Path">The file's full path.</param>
/// <param name="Text">The file's text, or null when the compiler could not read it.</param>
/// <param name="Namespace">The namespace for its <c>Fga</c> class.</param>
/// <param name="NamespaceSource">Where <paramref name="Namespace"/> came from, for diagnostics.</param>
internal sealed record ModelFileInput(string Path, string? Text, string Namespace, string NamespaceSource);
