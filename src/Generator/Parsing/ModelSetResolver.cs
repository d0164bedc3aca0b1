using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using TypedFga.Generator.Diagnostics;
using TypedFga.Generator.Model;
using TypedFga.Language.Model;

namespace TypedFga.Generator.Parsing;

/// <summary>
/// Settles the project's model files together: a file included twice is generated once, and of two files
/// that would generate the same <c>Fga</c> class only the first (by path) is generated.
/// </summary>
internal static class ModelSetResolver
{
    public static ImmutableArray<ModelFileOutput> Resolve(ImmutableArray<ModelFileResult> results)
    {
        var outputs = ImmutableArray.CreateBuilder<ModelFileOutput>();
        var seenPaths = new HashSet<string>(System.StringComparer.Ordinal);
        var namespaceOwners = new Dictionary<string, string>(System.StringComparer.Ordinal);
        foreach (var result in results.OrderBy(static r => r.FilePath, System.StringComparer.Ordinal))
        {
            if (!seenPaths.Add(result.FilePath.Replace('\\', '/')))
            {
                continue;
            }

            if (result.Spec is null)
            {
                outputs.Add(new ModelFileOutput(result.FilePath, null, result.Diagnostics));
                continue;
            }

            if (namespaceOwners.TryGetValue(result.Namespace, out var owner))
            {
                var duplicate = DiagnosticInfo.Create(FgaDiagnostics.DuplicateNamespace, result.FilePath, SourceSpan.None, owner, result.FilePath, result.Namespace);
                outputs.Add(new ModelFileOutput(result.FilePath, null, result.Diagnostics.Concat([duplicate]).ToEquatableArray()));
                continue;
            }

            namespaceOwners.Add(result.Namespace, result.FilePath);
            outputs.Add(new ModelFileOutput(result.FilePath, result.Spec, result.Diagnostics));
        }

        return outputs.ToImmutable();
    }
}
