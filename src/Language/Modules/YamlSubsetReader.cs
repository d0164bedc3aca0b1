using System.Collections.Generic;
using System.Text;
using TypedFga.Language.Model;

namespace TypedFga.Language.Modules;

internal enum YamlValueKind
{
    Null,
    String,
    Bool,
    Number,
    Sequence,
}

/// <summary>A scalar or a sequence of scalars, with its source span.</summary>
internal sealed class YamlValue
{
    public YamlValue(YamlValueKind kind, string text, SourceSpan span, List<YamlValue>? items = null)
    {
        Kind = kind;
        Text = text;
        Span = span;
        Items = items ?? new List<YamlValue>();
    }

    public YamlValueKind Kind { get; }

    /// <summary>The decoded string, or the value as written for other scalars.</summary>
    public string Text { get; }

    public SourceSpan Span { get; }

    public List<YamlValue> Items { get; }
}

/// <summary>
/// Reads the YAML subset of <c>fga.mod</c>: a top-level mapping whose values are scalars (plain, single- or
/// double-quoted), flow sequences (<c>[a, b]</c>) or block sequences (<c>- a</c> lines). Anything else is reported.
/// </summary>
internal sealed class YamlSubsetReader
{
    private readonly string[] _lines;
    private readonly int[] _lineStarts;
    private readonly int _textLength;
    private readonly System.Action<string, SourceSpan> _report;

    private YamlSubsetReader(string text, System.Action<string, SourceSpan> report)
    {
        _lines = text.Split('\n');
        _lineStarts = new int[_lines.Length];
        var offset = 0;
        for (var i = 0; i < _lines.Length; i++)
        {
            _lineStarts[i] = offset;
            offset += _lines[i].Length + 1;
            _lines[i] = _lines[i].TrimEnd('\r');
        }

        _textLength = text.Length;
        _report = report;
    }

    public static Dictionary<string, YamlValue> Read(string text, System.Action<string, SourceSpan> report) =>
        new YamlSubsetReader(text, report).ReadMapping();

    private Dictionary<string, YamlValue> ReadMapping()
    {
        var result = new Dictionary<string, YamlValue>(System.StringComparer.Ordinal);
        var line = 0;
        while (line < _lines.Length)
        {
            var content = WithoutComment(_lines[line]);
            var trimmed = content.Trim();
            if (trimmed.Length == 0 || trimmed == "---" || trimmed.StartsWith("%", System.StringComparison.Ordinal))
            {
                line++;
                continue;
            }

            var indent = content.Length - content.TrimStart().Length;
            var colon = content.IndexOf(':');
            if (indent > 0 || colon <= 0 || (colon + 1 < content.Length && content[colon + 1] is not (' ' or '\t')))
            {
                _report("expected a top-level 'key: value' entry", Span(line, indent, content.Length - indent));
                line++;
                continue;
            }

            var key = content.Substring(0, colon).Trim();
            var valueStart = colon + 1;
            while (valueStart < content.Length && content[valueStart] is ' ' or '\t')
            {
                valueStart++;
            }

            YamlValue value;
            if (valueStart >= content.Length)
            {
                value = ReadBlockSequence(ref line, Span(line, colon + 1, 0));
            }
            else if (content[valueStart] == '[')
            {
                value = ReadFlowSequence(line, content, valueStart);
                line++;
            }
            else
            {
                value = ReadScalar(line, content, valueStart, content.Length);
                line++;
            }

            if (result.ContainsKey(key))
            {
                _report($"duplicate key '{key}'", Span(line - 1, 0, key.Length));
            }

            result[key] = value;
        }

        return result;
    }

    private YamlValue ReadBlockSequence(ref int line, SourceSpan emptySpan)
    {
        var items = new List<YamlValue>();
        var first = -1;
        var firstColumn = 0;
        var last = line;
        line++;
        while (line < _lines.Length)
        {
            var content = WithoutComment(_lines[line]);
            var trimmed = content.TrimStart();
            if (trimmed.Length == 0)
            {
                line++;
                continue;
            }

            if (!(trimmed == "-" || trimmed.StartsWith("- ", System.StringComparison.Ordinal)))
            {
                break;
            }

            var dash = content.Length - trimmed.Length;
            if (first < 0)
            {
                first = line;
                firstColumn = dash;
            }

            var start = dash + 1;
            while (start < content.Length && content[start] is ' ' or '\t')
            {
                start++;
            }

            items.Add(start >= content.Length
                ? new YamlValue(YamlValueKind.Null, "null", Span(line, start, 0))
                : ReadScalar(line, content, start, content.Length));
            last = line;
            line++;
        }

        if (first < 0)
        {
            return new YamlValue(YamlValueKind.Null, "null", emptySpan);
        }

        // Like YAML's node ranges, the list runs from its first dash to the start of the line after it.
        var startOffset = _lineStarts[first] + firstColumn;
        var endLine = last + 1;
        var endOffset = endLine < _lines.Length ? _lineStarts[endLine] : _textLength;
        var endColumn = endLine < _lines.Length ? 0 : _lines[last].Length;
        endLine = endLine < _lines.Length ? endLine : last;
        return new YamlValue(
            YamlValueKind.Sequence,
            string.Empty,
            new SourceSpan(startOffset, endOffset - startOffset, first, firstColumn, endLine, endColumn),
            items);
    }

    private YamlValue ReadFlowSequence(int line, string content, int open)
    {
        var items = new List<YamlValue>();
        var position = open + 1;
        while (true)
        {
            while (position < content.Length && content[position] is ' ' or '\t')
            {
                position++;
            }

            if (position >= content.Length)
            {
                _report("flow sequence is missing its closing ']'", Span(line, open, content.Length - open));
                return new YamlValue(YamlValueKind.Sequence, string.Empty, Span(line, open, content.Length - open), items);
            }

            if (content[position] == ']')
            {
                return new YamlValue(YamlValueKind.Sequence, string.Empty, Span(line, open, position + 1 - open), items);
            }

            var end = ScalarEnd(content, position);
            items.Add(ReadScalar(line, content, position, end));
            position = end;
            while (position < content.Length && content[position] is ' ' or '\t')
            {
                position++;
            }

            if (position < content.Length && content[position] == ',')
            {
                position++;
            }
        }
    }

    private static int ScalarEnd(string content, int start)
    {
        if (content[start] is '"' or '\'')
        {
            var quote = content[start];
            for (var i = start + 1; i < content.Length; i++)
            {
                if (content[i] == '\\' && quote == '"')
                {
                    i++;
                }
                else if (content[i] == quote)
                {
                    if (quote == '\'' && i + 1 < content.Length && content[i + 1] == '\'')
                    {
                        i++;
                        continue;
                    }

                    return i + 1;
                }
            }

            return content.Length;
        }

        var end = start;
        while (end < content.Length && content[end] is not (',' or ']'))
        {
            end++;
        }

        return end;
    }

    private YamlValue ReadScalar(int line, string content, int start, int end)
    {
        while (end > start && content[end - 1] is ' ' or '\t')
        {
            end--;
        }

        var raw = content.Substring(start, end - start);
        var span = Span(line, start, end - start);
        if (raw.Length >= 2 && raw[0] == '\'' && raw[raw.Length - 1] == '\'')
        {
            return new YamlValue(YamlValueKind.String, raw.Substring(1, raw.Length - 2).Replace("''", "'"), span);
        }

        if (raw.Length >= 2 && raw[0] == '"' && raw[raw.Length - 1] == '"')
        {
            return new YamlValue(YamlValueKind.String, Unescape(raw.Substring(1, raw.Length - 2)), span);
        }

        if (raw[0] is '"' or '\'')
        {
            _report("unterminated quoted string", span);
            return new YamlValue(YamlValueKind.String, raw, span);
        }

        return new YamlValue(PlainKind(raw), raw, span);
    }

    private static YamlValueKind PlainKind(string raw)
    {
        switch (raw)
        {
            case "true" or "True" or "TRUE" or "false" or "False" or "FALSE":
                return YamlValueKind.Bool;
            case "null" or "Null" or "NULL" or "~":
                return YamlValueKind.Null;
            case ".inf" or "-.inf" or "+.inf" or ".nan" or ".NaN" or ".Inf":
                return YamlValueKind.Number;
        }

        return double.TryParse(raw, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)
            || (raw.StartsWith("0x", System.StringComparison.Ordinal) && raw.Length > 2)
            ? YamlValueKind.Number
            : YamlValueKind.String;
    }

    private static string Unescape(string value)
    {
        if (value.IndexOf('\\') < 0)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '\\' || i + 1 >= value.Length)
            {
                builder.Append(value[i]);
                continue;
            }

            var next = value[++i];
            switch (next)
            {
                case 'n': builder.Append('\n'); break;
                case 't': builder.Append('\t'); break;
                case 'r': builder.Append('\r'); break;
                case '0': builder.Append('\0'); break;
                case 'u' when i + 4 < value.Length
                    && int.TryParse(value.Substring(i + 1, 4), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var code):
                    builder.Append((char)code);
                    i += 4;
                    break;
                default: builder.Append(next); break;
            }
        }

        return builder.ToString();
    }

    // A '#' starts a comment at the start of a line or after a blank, outside quotes.
    private static string WithoutComment(string line)
    {
        var quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else if (c == '\\' && quote == '"')
                {
                    i++;
                }
            }
            else if (c is '"' or '\'' && (i == 0 || line[i - 1] is ' ' or '\t' or '[' or ',' or '-'))
            {
                quote = c;
            }
            else if (c == '#' && (i == 0 || line[i - 1] is ' ' or '\t'))
            {
                return line.Substring(0, i).TrimEnd();
            }
        }

        return line;
    }

    private SourceSpan Span(int line, int column, int length) =>
        new(_lineStarts[line] + column, length, line, column, line, column + length);
}
