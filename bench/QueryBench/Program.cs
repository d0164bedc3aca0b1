using System.Diagnostics;
using System.Globalization;
using TypedFga;
using TypedFga.Benchmarks.Queries;

// Typed queries over HTTP to the repository's server: a batch of 100 typed checks against the same 100 checks asked
// one by one, and a typed list-objects against the same untyped call. Each run times every scenario back to back,
// alternating their order; the figures are medians over the runs.
// Usage: dotnet run -c Release --project bench/QueryBench -- [--quick] [--runs 15] [--rounds 20]
var quick = args.Contains("--quick");
int Int(string name, int full, int small)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : quick ? small : full;
}

var runs = Int("--runs", 15, 5);
var rounds = Int("--rounds", 20, 5);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Query benchmark: runs={runs} rounds={rounds}, {QueryRig.Documents} documents, over HTTP to the repository's server, {Environment.ProcessorCount} cores"));

await using var rig = await QueryRig.StartAsync();
var fga = Fga.Using(rig.Client);
var anne = Fga.User("anne");
var untypedQuery = new ListObjectsQuery("document", "can_view", "user:anne");

async Task Sequential()
{
    for (var i = 0; i < QueryRig.Documents; i++)
    {
        await fga.Document(i).CanView.Check(anne);
    }
}

async Task Batch()
{
    var checks = new TypedFga.Typed.FgaCheck[QueryRig.Documents];
    for (var i = 0; i < checks.Length; i++)
    {
        checks[i] = fga.Document(i).CanView.For(anne);
    }

    var answers = await fga.BatchCheck(checks);
    if (answers[0] != true || answers[1] != false)
    {
        throw new InvalidOperationException("The batch answered wrongly.");
    }
}

async Task TypedList()
{
    var documents = await fga.Documents.WhereCanView(anne);
    if (documents.Count != QueryRig.Documents / 2)
    {
        throw new InvalidOperationException($"The typed list found {documents.Count} documents.");
    }
}

async Task UntypedList()
{
    var documents = await rig.Client.ListObjectsAsync(untypedQuery);
    if (documents.Count != QueryRig.Documents / 2)
    {
        throw new InvalidOperationException($"The untyped list found {documents.Count} documents.");
    }
}

var scenarios = new (string Name, Func<Task> Body, List<double> Times)[]
{
    ("100 typed checks, one by one", Sequential, []),
    ("100 typed checks in one BatchCheck", Batch, []),
    ("typed list-objects (Fga.Documents.WhereCanView)", TypedList, []),
    ("untyped ListObjectsAsync", UntypedList, []),
};

foreach (var scenario in scenarios)
{
    for (var i = 0; i < 3; i++)
    {
        await scenario.Body();
    }
}

for (var run = 0; run < runs; run++)
{
    var order = run % 2 == 0 ? scenarios : scenarios.Reverse().ToArray();
    foreach (var (_, body, times) in order)
    {
        var watch = Stopwatch.StartNew();
        for (var round = 0; round < rounds; round++)
        {
            await body();
        }

        times.Add(watch.Elapsed.TotalMicroseconds / rounds);
    }
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}

var medians = scenarios.Select(s => Median(s.Times)).ToArray();
Console.WriteLine();
Console.WriteLine("| scenario | median per call | ratio |");
Console.WriteLine("|---|---|---|");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {scenarios[0].Name} | {medians[0]:0.0} µs | 1 |"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {scenarios[1].Name} | {medians[1]:0.0} µs | {medians[0] / medians[1]:0.0}x faster (target >= 10x) |"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {scenarios[3].Name} | {medians[3]:0.0} µs | 1 |"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {scenarios[2].Name} | {medians[2]:0.0} µs | {medians[2] / medians[3]:0.00}x (target <= 1.05x) |"));
