namespace TypedFga.Language.Parsing;

/// <summary>The DSL's reserved words and the words of a condition's parameter types.</summary>
internal static class Keywords
{
    public static Keyword Lookup(string text, int start, int length)
    {
        // A switch on length first keeps this allocation-free on the hot path.
        switch (length)
        {
            case 2:
                if (Is(text, start, "or")) return Keyword.Or;
                if (Is(text, start, "in")) return Keyword.In;
                return Keyword.None;
            case 3:
                return Is(text, start, "and") ? Keyword.And : Keyword.None;
            case 4:
                if (Is(text, start, "type")) return Keyword.Type;
                if (Is(text, start, "from")) return Keyword.From;
                if (Is(text, start, "with")) return Keyword.With;
                if (Is(text, start, "true")) return Keyword.True;
                if (Is(text, start, "null")) return Keyword.Null;
                return Keyword.None;
            case 5:
                if (Is(text, start, "model")) return Keyword.Model;
                if (Is(text, start, "false")) return Keyword.False;
                return Keyword.None;
            case 6:
                if (Is(text, start, "schema")) return Keyword.Schema;
                if (Is(text, start, "module")) return Keyword.Module;
                if (Is(text, start, "extend")) return Keyword.Extend;
                if (Is(text, start, "define")) return Keyword.Define;
                return Keyword.None;
            case 8:
                return Is(text, start, "relation") ? Keyword.Relation : Keyword.None;
            case 9:
                if (Is(text, start, "relations")) return Keyword.Relations;
                if (Is(text, start, "condition")) return Keyword.Condition;
                return Keyword.None;
            default:
                return Keyword.None;
        }
    }

    /// <summary>Words that name a parameter type; inside a condition's signature they are not identifiers.</summary>
    public static Model.ConditionParameterKind? ParameterKind(string word) => word switch
    {
        "bool" => Model.ConditionParameterKind.Bool,
        "string" => Model.ConditionParameterKind.String,
        "int" => Model.ConditionParameterKind.Int,
        "uint" => Model.ConditionParameterKind.Uint,
        "double" => Model.ConditionParameterKind.Double,
        "duration" => Model.ConditionParameterKind.Duration,
        "timestamp" => Model.ConditionParameterKind.Timestamp,
        "ipaddress" => Model.ConditionParameterKind.Ipaddress,
        "map" => Model.ConditionParameterKind.Map,
        "list" => Model.ConditionParameterKind.List,
        _ => null,
    };

    private static bool Is(string text, int start, string word) => string.CompareOrdinal(text, start, word, 0, word.Length) == 0;
}
