using System.Text;
using TypedFga.Language.Model;
using Xunit.Abstractions;

namespace TypedFga.Language.Tests;

/// <summary>
/// Seeded random mutations of real models (tokens and lines deleted, duplicated, swapped; characters inserted):
/// the compiler must always end in a result, never throw, and report spans inside the text.
/// </summary>
public sealed class FuzzTests
{
    private const int Seed = 20_240_611;
    private const int Iterations = 10_000;

    private readonly ITestOutputHelper _output;

    public FuzzTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Mutated_models_end_in_a_model_or_diagnostics()
    {
        var corpus = Corpus();
        var random = new Random(Seed);
        var accepted = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var original = corpus[random.Next(corpus.Count)];
            var mutated = Mutate(original, random);
            var result = FgaCompiler.Compile(mutated, "fuzz.fga");
            AssertWellFormed(mutated, result);
            if (result.Model is not null)
            {
                Assert.False(string.IsNullOrEmpty(ModelJsonWriter.Write(result.Model)));
                accepted++;
            }
        }

        _output.WriteLine($"{Iterations} mutations of {corpus.Count} models (seed {Seed}): {accepted} still parse, {Iterations - accepted} rejected with diagnostics");
    }

    [Fact]
    public void Mutated_modular_models_end_in_a_model_or_diagnostics()
    {
        var random = new Random(Seed);
        var core = "module core\n\ntype user\n\ntype group\n  relations\n    define member: [user, group#member]\n";
        var docs = "module docs\n\nextend type group\n  relations\n    define admin: [user with in_office]\n\ntype doc\n  relations\n    define viewer: [user] or member from owner\n    define owner: [group]\n\ncondition in_office(ip: ipaddress) {\n  ip.in_cidr(\"10.0.0.0/8\")\n}\n";
        var mod = "schema: '1.2'\ncontents:\n  - core.fga\n  - docs.fga\n";
        for (var i = 0; i < 1_000; i++)
        {
            var files = new[] { ("core.fga", Mutate(core, random)), ("docs.fga", Mutate(docs, random)) };
            var modText = random.Next(4) == 0 ? Mutate(mod, random) : mod;
            var result = FgaCompiler.CompileModular(modText, files);
            Assert.True(result.Model is not null || !result.Diagnostics.IsEmpty);
            if (result.Model is not null)
            {
                ModelJsonWriter.Write(result.Model);
            }
        }
    }

    private static void AssertWellFormed(string text, CompileResult result)
    {
        Assert.True(result.Model is not null || result.Diagnostics.Any(d => d.Severity == ModelDiagnosticSeverity.Error), "no model and no error");
        foreach (var diagnostic in result.Diagnostics)
        {
            var span = diagnostic.Span;
            Assert.InRange(span.Start, 0, text.Length);
            Assert.InRange(span.Start + span.Length, span.Start, text.Length);
            Assert.False(string.IsNullOrEmpty(diagnostic.Message));
            Assert.False(string.IsNullOrEmpty(diagnostic.Kind));
        }
    }

    private static List<string> Corpus()
    {
        var corpus = new List<string>
        {
            File.ReadAllText(Path.Combine(TypedFga.Tests.SharedData.RepositoryRoot, "model.fga")),
            SampleModels.Conditions,
            SampleModels.MixedOperators,
        };

        var transformer = TypedFga.Tests.SharedData.Locate(Path.Combine("language", "transformer"));
        if (transformer is not null)
        {
            corpus.AddRange(Directory.GetDirectories(transformer)
                .OrderBy(d => d, StringComparer.Ordinal)
                .Select(d => File.ReadAllText(Path.Combine(d, "authorization-model.fga"))));
        }

        return corpus;
    }

    private static string Mutate(string text, Random random)
    {
        var mutations = 1 + random.Next(3);
        for (var i = 0; i < mutations; i++)
        {
            text = random.Next(7) switch
            {
                0 => EditTokens(text, random, TokenEdit.Delete),
                1 => EditTokens(text, random, TokenEdit.Duplicate),
                2 => EditTokens(text, random, TokenEdit.Swap),
                3 => EditLines(text, random, TokenEdit.Delete),
                4 => EditLines(text, random, TokenEdit.Duplicate),
                5 => EditLines(text, random, TokenEdit.Swap),
                _ => text.Insert(random.Next(text.Length + 1), Noise[random.Next(Noise.Length)]),
            };
        }

        return text;
    }

    private static readonly string[] Noise =
    {
        "(", ")", "[", "]", "{", "}", ":", "#", " #", "*", ",", "\n", "\r\n", "\t", " ", "\"", "'", "//", "or", " and ",
        " but not ", "from", "with", "define", "type", "relations", "condition", "@", "\u00e9", "\ud83d\ude00", "\ud83d", "<", ">",
    };

    private enum TokenEdit
    {
        Delete,
        Duplicate,
        Swap,
    }

    private static string EditTokens(string text, Random random, TokenEdit edit) =>
        Edit(Tokenize(text), random, edit, string.Empty);

    private static string EditLines(string text, Random random, TokenEdit edit) =>
        Edit(text.Split('\n').ToList(), random, edit, "\n");

    private static string Edit(List<string> parts, Random random, TokenEdit edit, string separator)
    {
        if (parts.Count == 0)
        {
            return string.Join(separator, parts);
        }

        var index = random.Next(parts.Count);
        switch (edit)
        {
            case TokenEdit.Delete:
                parts.RemoveAt(index);
                break;
            case TokenEdit.Duplicate:
                parts.Insert(index, parts[index]);
                break;
            case TokenEdit.Swap:
                var other = random.Next(parts.Count);
                (parts[index], parts[other]) = (parts[other], parts[index]);
                break;
        }

        return string.Join(separator, parts);
    }

    // Words, runs of blanks and single punctuation characters: what a person would delete or repeat by mistake.
    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        var currentIsWord = false;
        foreach (var c in text)
        {
            var isWord = char.IsLetterOrDigit(c) || c is '_' or '-' or '.' or '/';
            if (current.Length > 0 && (!isWord || !currentIsWord))
            {
                tokens.Add(current.ToString());
                current.Clear();
            }

            current.Append(c);
            currentIsWord = isWord;
        }

        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
        }

        return tokens;
    }
}
