using TypedFga.Tests;
using Xunit.Abstractions;

namespace TypedFga.GeneratedClient.Tests;

public sealed class ObjectIdTests(ITestOutputHelper output)
{
    [SharedDataFact]
    public void Factories_accept_exactly_the_ids_OpenFGA_accepts()
    {
        var path = SharedData.Locate("language/object-id-validation-cases.yaml", output);
        if (path is null)
        {
            return;
        }

        var cases = ReadCases(path);
        Assert.NotEmpty(cases);
        foreach (var (id, valid) in cases)
        {
            var exception = Record.Exception(() => Fga.Document(id));
            if (valid)
            {
                Assert.True(exception is null, $"'{id}' should be accepted: {exception?.Message}");
            }
            else
            {
                Assert.True(exception is ArgumentException, $"'{id}' should be refused with an ArgumentException.");
            }
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("*")]
    [InlineData("a b")]
    [InlineData("doc:1")]
    public void Bad_ids_name_the_parameter(string id) =>
        Assert.Equal("id", Assert.ThrowsAny<ArgumentException>(() => Fga.User(id)).ParamName);

    // The file is a flat list of "- name / object_id / valid" entries; no YAML library is needed for it.
    private static List<(string Id, bool Valid)> ReadCases(string path)
    {
        var cases = new List<(string, bool)>();
        string? id = null;
        foreach (var line in File.ReadLines(path).Select(l => l.Trim()))
        {
            if (line.StartsWith("object_id:", StringComparison.Ordinal))
            {
                id = System.Text.Json.JsonSerializer.Deserialize<string>(line["object_id:".Length..].Trim());
            }
            else if (line.StartsWith("valid:", StringComparison.Ordinal) && id is not null)
            {
                cases.Add((id, line.EndsWith("true", StringComparison.Ordinal)));
                id = null;
            }
        }

        return cases;
    }
}
