using System.Net;
using System.Text.Json;
using TypedFga.Backends;
using TypedFga.Wire;

namespace TypedFga.Runtime.Tests.Wire;

/// <summary>Condition contexts on the wire: CLR values sent as OpenFGA expects them, and read back as plain values.</summary>
public sealed class ConditionContextWireTests
{
    [Fact]
    public void Clr_values_are_written_as_openfga_expects_them()
    {
        var context = new Dictionary<string, object?>
        {
            ["s"] = "text",
            ["c"] = 'x',
            ["b"] = true,
            ["i"] = 42,
            ["l"] = long.MaxValue,
            ["u"] = ulong.MaxValue,
            ["d"] = 1.25,
            ["m"] = 10.50m,
            ["at"] = new DateTimeOffset(2024, 2, 29, 23, 30, 0, 123, TimeSpan.FromHours(-5)),
            ["utc"] = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            ["hour"] = TimeSpan.FromHours(1),
            ["half"] = TimeSpan.FromMilliseconds(1500),
            ["negative"] = TimeSpan.FromMilliseconds(-250),
            ["ip"] = IPAddress.Parse("10.0.0.1"),
            ["id"] = Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff"),
            ["list"] = new List<object?> { 1, "a", null },
            ["map"] = new Dictionary<string, int> { ["x"] = 1 },
            ["raw"] = JsonDocument.Parse("""{"k":[true]}""").RootElement,
            ["none"] = null,
        };

        var json = Serialize(context);

        Assert.Equal(
            """{"s":"text","c":"x","b":true,"i":42,"l":9223372036854775807,"u":18446744073709551615,"d":1.25,"m":10.50,"at":"2024-03-01T04:30:00.123Z","utc":"2024-01-01T00:00:00Z","hour":"3600s","half":"1.5s","negative":"-0.25s","ip":"10.0.0.1","id":"6f9619ff-8b86-d011-b42d-00c04fc964ff","list":[1,"a",null],"map":{"x":1},"raw":{"k":[true]},"none":null}""",
            json);
    }

    [Fact]
    public void A_stored_context_is_read_back_into_plain_clr_values()
    {
        var page = JsonSerializer.Deserialize(
            """{"tuples":[{"key":{"user":"user:anne","relation":"viewer","object":"document:1","condition":{"name":"c","context":{"n":7,"big":1e300,"f":0.5,"s":"t","b":false,"nil":null,"list":[1,[2]],"map":{"k":"v"}}}}}]}""",
            FgaApiJsonContext.Default.ReadResponse)!;

        var context = WireAnswers.TupleKeyOf(page.Tuples[0].Key!).Condition!.Context!;
        Assert.Equal(7L, context["n"]);
        Assert.Equal(1e300, context["big"]);
        Assert.Equal(0.5, context["f"]);
        Assert.Equal("t", context["s"]);
        Assert.Equal(false, context["b"]);
        Assert.Null(context["nil"]);
        var list = Assert.IsType<List<object?>>(context["list"]);
        Assert.Equal(1L, list[0]);
        Assert.Equal([2L], Assert.IsType<List<object?>>(list[1]));
        Assert.Equal("v", Assert.IsType<Dictionary<string, object?>>(context["map"])["k"]);
    }

    [Fact]
    public void An_unsupported_value_names_its_path_and_type()
    {
        var error = Assert.Throws<ArgumentException>(() => Serialize(new Dictionary<string, object?>
        {
            ["outer"] = new Dictionary<string, object?> { ["inner"] = new object() },
        }));

        Assert.Contains("'outer.inner'", error.Message);
        Assert.Contains("System.Object", error.Message);
    }

    [Fact]
    public void A_local_time_without_a_kind_is_refused_as_ambiguous()
    {
        var error = Assert.Throws<ArgumentException>(() => Serialize(new Dictionary<string, object?> { ["at"] = new DateTime(2024, 1, 1) }));

        Assert.Contains("unspecified kind", error.Message);
    }

    [Fact]
    public void Non_finite_numbers_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Serialize(new Dictionary<string, object?> { ["x"] = double.NaN }));
    }

    private static string Serialize(IReadOnlyDictionary<string, object?> context) =>
        JsonSerializer.Deserialize<JsonElement>(
            JsonSerializer.Serialize(new CheckRequest { Context = WireRequests.ContextOf(context) }, FgaApiJsonContext.Default.CheckRequest))
            .GetProperty("context").GetRawText();
}
