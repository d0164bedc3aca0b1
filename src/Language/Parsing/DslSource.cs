using TypedFga.Language.Model;

namespace TypedFga.Language.Parsing;

/// <summary>
/// The DSL text as OpenFGA's parser sees it: a line whose first non-blank character is <c>#</c> is emptied,
/// and every other line is cut at its first <c>" #"</c> and trimmed at the end. Each cleaned line is a prefix
/// of its original line, so a (line, column) position is the same in both texts; offsets map through the
/// line start tables. The removed trailing comments are kept to find <c># @critical</c> marks.
/// </summary>
internal sealed class DslSource
{
    private const string CriticalMark = "@critical";

    private readonly int[] _originalLineStarts;
    private readonly int[] _cleanedLineStarts;
    private readonly bool[] _criticalLines;

    private DslSource(string original, string cleaned, int[] originalLineStarts, int[] cleanedLineStarts, bool[] criticalLines)
    {
        Original = original;
        Cleaned = cleaned;
        _originalLineStarts = originalLineStarts;
        _cleanedLineStarts = cleanedLineStarts;
        _criticalLines = criticalLines;
    }

    public string Original { get; }

    public string Cleaned { get; }

    public static DslSource Create(string text)
    {
        var lineCount = 1;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                lineCount++;
            }
        }

        var originalStarts = new int[lineCount];
        var cleanedStarts = new int[lineCount];
        var critical = new bool[lineCount];
        var cleaned = new System.Text.StringBuilder(text.Length);
        var line = 0;
        var start = 0;
        while (true)
        {
            var end = text.IndexOf('\n', start);
            var lineEnd = end < 0 ? text.Length : end;
            originalStarts[line] = start;
            cleanedStarts[line] = cleaned.Length;
            AppendCleanedLine(text, start, lineEnd, cleaned, out critical[line]);
            if (end < 0)
            {
                break;
            }

            cleaned.Append('\n');
            start = end + 1;
            line++;
        }

        return new DslSource(text, cleaned.ToString(), originalStarts, cleanedStarts, critical);
    }

    /// <summary>True when the line's trailing comment carries <c>@critical</c>.</summary>
    public bool IsCriticalLine(int line) => line >= 0 && line < _criticalLines.Length && _criticalLines[line];

    /// <summary>The zero-based line of an offset in the cleaned text.</summary>
    public int LineOf(int cleanedOffset)
    {
        var index = System.Array.BinarySearch(_cleanedLineStarts, cleanedOffset);
        return index >= 0 ? index : ~index - 1;
    }

    /// <summary>A span in original-text coordinates for a range of the cleaned text.</summary>
    public SourceSpan Span(int cleanedStart, int cleanedLength)
    {
        var startLine = LineOf(cleanedStart);
        var startColumn = cleanedStart - _cleanedLineStarts[startLine];
        var cleanedEnd = cleanedStart + cleanedLength;
        var endLine = cleanedLength == 0 ? startLine : LineOf(cleanedEnd);
        var endColumn = cleanedEnd - _cleanedLineStarts[endLine];
        var originalStart = _originalLineStarts[startLine] + startColumn;
        var originalEnd = _originalLineStarts[endLine] + endColumn;
        return new SourceSpan(originalStart, originalEnd - originalStart, startLine, startColumn, endLine, endColumn);
    }

    private static void AppendCleanedLine(string text, int start, int end, System.Text.StringBuilder cleaned, out bool critical)
    {
        critical = false;
        var firstNonBlank = start;
        while (firstNonBlank < end && IsJavaScriptWhitespace(text[firstNonBlank]))
        {
            firstNonBlank++;
        }

        if (firstNonBlank < end && text[firstNonBlank] == '#')
        {
            return;
        }

        var cut = end;
        for (var i = start; i + 1 < end; i++)
        {
            if (text[i] == ' ' && text[i + 1] == '#')
            {
                cut = i;
                critical = ContainsCriticalMark(text, i + 2, end);
                break;
            }
        }

        while (cut > start && IsJavaScriptWhitespace(text[cut - 1]))
        {
            cut--;
        }

        cleaned.Append(text, start, cut - start);
    }

    private static bool ContainsCriticalMark(string text, int start, int end)
    {
        var index = start;
        while (index < end)
        {
            var found = text.IndexOf(CriticalMark, index, end - index, System.StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            var after = found + CriticalMark.Length;
            if (after >= end || !(char.IsLetterOrDigit(text[after]) || text[after] == '_' || text[after] == '-'))
            {
                return true;
            }

            index = after;
        }

        return false;
    }

    // OpenFGA trims lines with JavaScript's String.prototype.trim family, which treats these as blanks.
    private static bool IsJavaScriptWhitespace(char c) => char.IsWhiteSpace(c) || c == '\uFEFF';
}
