using System.Collections.Generic;
using TypedFga.Language.Model;

namespace TypedFga.Language.Modules;

/// <summary>One file listed under <c>contents</c> in <c>fga.mod</c>.</summary>
/// <param name="Value">The path, with OpenFGA's URI escapes (<c>%2e</c>, <c>%2f</c>, <c>%5c</c>) decoded.</param>
/// <param name="Span">Where the entry is written in <c>fga.mod</c>.</param>
public sealed record FgaModEntry(string Value, SourceSpan Span);

/// <summary>
/// An <c>fga.mod</c> file: <c>schema: '1.2'</c> and <c>contents</c>, the list of module files. The reader accepts
/// the small YAML subset these files use (a top-level mapping; plain, quoted or flow values; block sequences)
/// and applies OpenFGA's checks (schema 1.2 only, <c>.fga</c> files only, no <c>..</c> or absolute paths).
/// </summary>
/// <param name="Schema">The schema version, when valid.</param>
/// <param name="SchemaSpan">Where the schema value is written.</param>
/// <param name="Contents">The valid entries of <c>contents</c>, in order.</param>
/// <param name="ContentsSpan">Where the <c>contents</c> list is written.</param>
/// <param name="Diagnostics">The problems found; the file is usable only when there are none.</param>
public sealed record FgaModFile(
    string? Schema,
    SourceSpan SchemaSpan,
    EquatableArray<FgaModEntry> Contents,
    SourceSpan ContentsSpan,
    EquatableArray<ModelDiagnostic> Diagnostics)
{
    /// <summary>Reads an <c>fga.mod</c> file. Never throws on bad input; problems are in <see cref="Diagnostics"/>.</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="filePath">The path reported in diagnostics.</param>
    /// <exception cref="System.ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static FgaModFile Parse(string text, string? filePath = "fga.mod")
    {
        if (text is null)
        {
            throw new System.ArgumentNullException(nameof(text));
        }

        var diagnostics = new List<ModelDiagnostic>();
        void Report(string message, SourceSpan span) =>
            diagnostics.Add(new ModelDiagnostic(ModelDiagnosticKinds.ModFileValidation, message, span, ModelDiagnosticSeverity.Error, null, filePath));

        var document = YamlSubsetReader.Read(text, Report);
        string? schema = null;
        var schemaSpan = SourceSpan.None;
        if (!document.TryGetValue("schema", out var schemaNode))
        {
            Report("missing schema field", SourceSpan.None);
        }
        else if (schemaNode.Kind != YamlValueKind.String)
        {
            Report($"unexpected schema type, expected string got value {schemaNode.Text}", schemaNode.Span);
        }
        else if (schemaNode.Text != "1.2")
        {
            Report("unsupported schema version, fga.mod only supported in version `1.2`", schemaNode.Span);
        }
        else
        {
            schema = schemaNode.Text;
            schemaSpan = schemaNode.Span;
        }

        var contents = new List<FgaModEntry>();
        var contentsSpan = SourceSpan.None;
        if (!document.TryGetValue("contents", out var contentsNode))
        {
            Report("missing contents field", SourceSpan.None);
        }
        else if (contentsNode.Kind != YamlValueKind.Sequence)
        {
            Report($"unexpected contents type, expected list of strings got value {contentsNode.Text}", contentsNode.Span);
        }
        else
        {
            contentsSpan = contentsNode.Span;
            foreach (var item in contentsNode.Items)
            {
                if (item.Kind != YamlValueKind.String)
                {
                    Report($"unexpected contents item type, expected string got value {item.Text}", item.Span);
                    continue;
                }

                var path = DecodePath(item.Text);
                if (path.Contains("../") || path.Contains("..\\") || path.StartsWith("/", System.StringComparison.Ordinal))
                {
                    Report($"invalid contents item {item.Text}", item.Span);
                }
                else if (!path.EndsWith(".fga", System.StringComparison.Ordinal))
                {
                    Report($"contents items should use fga file extension, got {item.Text}", item.Span);
                }
                else
                {
                    contents.Add(new FgaModEntry(path, item.Span));
                }
            }
        }

        return new FgaModFile(schema, schemaSpan, contents.ToEquatableArray(), contentsSpan, diagnostics.ToEquatableArray());
    }

    // OpenFGA decodes these escapes before checking for directory traversal.
    private static string DecodePath(string value)
    {
        if (value.IndexOf('%') < 0)
        {
            return value;
        }

        var builder = new System.Text.StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '%' && i + 2 < value.Length)
            {
                var code = value.Substring(i + 1, 2).ToLowerInvariant();
                var decoded = code switch { "2e" => '.', "2f" => '/', "5c" => '\\', _ => '\0' };
                if (decoded != '\0')
                {
                    builder.Append(decoded);
                    i += 2;
                    continue;
                }
            }

            builder.Append(value[i]);
        }

        return builder.ToString();
    }
}
