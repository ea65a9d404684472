using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gridclear.IO.Output;

namespace Gridclear.Tests.Robustness;

/// <summary>
/// summary.json's loosely typed blocks are written without reflection (so the CLI compiles with Native AOT): the
/// bytes must be exactly those of <c>JsonSerializer</c>'s reflection path, which wrote them before.
/// </summary>
public sealed class JsonValuesTests
{
    /// <summary>Every kind of value the verbs put in their blocks, nested as they nest them.</summary>
    private static Dictionary<string, object?> Block() => new()
    {
        ["text"] = "zone \"A\" <b> & é ✓",
        ["none"] = null,
        ["flag"] = true,
        ["count"] = 42,
        ["big"] = 12345678901234L,
        ["mw"] = 0.1 + 0.2,
        ["tiny"] = 1e-300,
        ["negative"] = -1234.5678,
        ["money"] = 1234.50m,
        ["cents"] = -0.01m,
        ["list"] = new List<int> { 3, 1, 2 },
        ["names"] = new[] { "b", "a" },
        ["empty"] = new List<string>(),
        ["rows"] = new List<Dictionary<string, object?>> { new() { ["id"] = "r1", ["share"] = 0.25 }, new() { ["id"] = "r2", ["share"] = null } },
        ["sorted"] = new SortedDictionary<string, object?>(StringComparer.Ordinal) { ["z"] = 1, ["a"] = 2.5, ["m"] = "x" },
        ["amounts"] = new Dictionary<string, decimal> { ["day_ahead"] = 10.25m, ["total"] = -3m },
        ["limits"] = new Dictionary<string, double> { ["W"] = 0.05, ["X"] = 1.0 / 3 },
        ["node"] = JsonNode.Parse("{\"k\": [1, 2.50, \"s\"]}"),
    };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WritesTheBytesOfTheReflectionSerializer(bool indented)
    {
        var block = Block();
#pragma warning disable IL2026, IL3050 // the reflection path, in a JIT test, as the reference
        var expected = JsonSerializer.Serialize(block, new JsonSerializerOptions { WriteIndented = indented });
#pragma warning restore IL2026, IL3050
        Assert.Equal(expected, JsonValues.ToJson(block, indented));
    }

    [Fact]
    public void WritesEachValueAsTheSerializerDidInsideAWriter()
    {
        var block = Block();
        string Write(Action<Utf8JsonWriter, object?> write)
        {
            using var stream = new MemoryStream();
            using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                json.WriteStartObject();
                foreach (var (key, value) in block)
                {
                    json.WritePropertyName(key);
                    write(json, value);
                }

                json.WriteEndObject();
            }

            return Encoding.UTF8.GetString(stream.ToArray());
        }

#pragma warning disable IL2026, IL3050
        Assert.Equal(Write((json, value) => JsonSerializer.Serialize(json, value)), Write(JsonValues.Write));
#pragma warning restore IL2026, IL3050
    }

    [Fact]
    public void RefusesATypeWithNoStableForm() =>
        Assert.Throws<NotSupportedException>(() => JsonValues.ToJson(new { A = 1 }, indented: false));
}
