using Xunit.Abstractions;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace TypedFga.Language.Tests.Suites;

/// <summary>Reads OpenFGA's language test data (<c>../shared/openfga/language</c>).</summary>
internal static class LanguageData
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();

    /// <summary>The path of a file or folder under <c>language/</c>, or null (with a message) when absent.</summary>
    public static string? Locate(string relativePath, ITestOutputHelper? output) =>
        TypedFga.Tests.SharedData.Locate(Path.Combine("language", relativePath), output);

    public static List<T> ReadYaml<T>(string path) => Yaml.Deserialize<List<T>>(File.ReadAllText(path));
}

public sealed class LineRange
{
    public int Start { get; set; }

    public int End { get; set; }
}

public sealed class ExpectedError
{
    public string Msg { get; set; } = string.Empty;

    public LineRange? Line { get; set; }

    public LineRange? Column { get; set; }

    public Dictionary<string, string>? Metadata { get; set; }

    public string? File { get; set; }

    public string? ErrorType => Metadata is not null && Metadata.TryGetValue("errorType", out var type) ? type : null;
}

public sealed class DslCase
{
    public string Name { get; set; } = string.Empty;

    public string Dsl { get; set; } = string.Empty;

    public List<ExpectedError>? ExpectedErrors { get; set; }

    public bool Skip { get; set; }
}

public sealed class ModFileCase
{
    public string Name { get; set; } = string.Empty;

    [YamlMember(Alias = "modFile", ApplyNamingConventions = false)]
    public string ModFile { get; set; } = string.Empty;

    public string? Json { get; set; }

    public List<ExpectedError>? ExpectedErrors { get; set; }
}
