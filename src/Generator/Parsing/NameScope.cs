using System.Collections.Generic;
using TypedFga.Generator.Diagnostics;
using TypedFga.Generator.Model;
using TypedFga.Language.Model;

namespace TypedFga.Generator.Parsing;

/// <summary>
/// One C# scope (a namespace, or the members of a type) in which generated names must be unique.
/// Reports an FGA1004 diagnostic naming both sides when a second model element claims a taken name.
/// </summary>
internal sealed class NameScope
{
    private readonly Dictionary<string, string> _owners = new(System.StringComparer.Ordinal);
    private readonly List<DiagnosticInfo> _diagnostics;

    public NameScope(List<DiagnosticInfo> diagnostics, params string[] reservedMembers)
    {
        _diagnostics = diagnostics;
        foreach (var member in reservedMembers)
        {
            _owners[member] = "generated member '" + member + "'";
        }
    }

    /// <summary>
    /// Claims <paramref name="name"/> for <paramref name="owner"/>; false (and a diagnostic at <paramref name="location"/>,
    /// the owner's definition) when taken.
    /// </summary>
    public bool Claim(string name, string owner, (string Path, SourceSpan Span) location)
    {
        if (_owners.TryGetValue(name, out var existing))
        {
            // The same pair can meet in several scopes (a type is both a factory and a struct); report it once.
            var diagnostic = DiagnosticInfo.Create(FgaDiagnostics.NameCollision, location.Path, location.Span, existing, owner, name);
            if (!_diagnostics.Contains(diagnostic))
            {
                _diagnostics.Add(diagnostic);
            }

            return false;
        }

        _owners.Add(name, owner);
        return true;
    }
}
