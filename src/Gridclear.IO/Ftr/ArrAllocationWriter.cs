using System.Text;
using System.Text.Json;
using Gridclear.Ftr;
using static Gridclear.IO.Results.CsvText;

namespace Gridclear.IO.Ftr;

/// <summary>
/// Writes an ARR allocation (F5): <c>arrs.csv</c> (<c>arr,holder,source,sink,mw</c>, the requests awarded more than
/// 0 MW: the file <c>ftr-auction --arrs</c> reads), <c>allocation.csv</c> (every request: priority, requested and
/// awarded MW, fraction, the constraint that stopped it) and <c>summary.json</c> (totals and one entry per tier).
/// </summary>
public static class ArrAllocationWriter
{
    public static void Write(string directory, ArrAllocationResult result, IReadOnlyDictionary<string, object?>? extraSummary = null)
    {
        Directory.CreateDirectory(directory);
        WriteFile(
            Path.Combine(directory, "arrs.csv"),
            "arr,holder,source,sink,mw",
            result.Awards.Where(a => a.AwardedMw > 0).Select(a =>
                $"{Text(a.Request.Id)},{Text(a.Request.Holder)},{Text(a.Request.Path.Source.Label)},{Text(a.Request.Path.Sink.Label)},{Number(a.AwardedMw)}"));
        WriteFile(
            Path.Combine(directory, "allocation.csv"),
            "arr,holder,source,sink,priority,requested_mw,awarded_mw,fraction,stopped_by",
            result.Awards.Select(a =>
                $"{Text(a.Request.Id)},{Text(a.Request.Holder)},{Text(a.Request.Path.Source.Label)},{Text(a.Request.Path.Sink.Label)},{a.Request.Priority},{Number(a.Request.Mw)},{Number(a.AwardedMw)},{Number(a.Fraction)},{Text(a.StoppedBy)}"));
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("requests", result.Awards.Count);
            json.WriteNumber("requested_mw", Math.Round(result.Awards.Sum(a => a.Request.Mw), 6));
            json.WriteNumber("awarded_mw", Math.Round(result.Awards.Sum(a => a.AwardedMw), 6));
            json.WriteNumber("fully_awarded", result.Awards.Count(a => a.Fraction >= 1));
            json.WriteStartArray("tiers");
            foreach (var t in result.Tiers)
            {
                json.WriteStartObject();
                json.WriteNumber("priority", t.Priority);
                json.WriteNumber("requests", t.Requests);
                json.WriteNumber("requested_mw", Math.Round(t.RequestedMw, 6));
                json.WriteNumber("awarded_mw", Math.Round(t.AwardedMw, 6));
                json.WriteNumber("uniform_fraction", Math.Round(t.UniformFraction, 9));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            foreach (var (key, value) in extraSummary ?? new Dictionary<string, object?>())
            {
                json.WritePropertyName(key);
                Output.JsonValues.Write(json, value);
            }

            json.WriteEndObject();
        }

        File.WriteAllText(Path.Combine(directory, "summary.json"), Encoding.UTF8.GetString(stream.ToArray()), new UTF8Encoding(false));
    }
}
