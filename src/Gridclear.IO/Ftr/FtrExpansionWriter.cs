using System.Text;
using System.Text.Json;
using Gridclear.Ftr;
using static Gridclear.IO.Results.CsvText;

namespace Gridclear.IO.Ftr;

/// <summary>
/// Writes an expansion's FTR awards (F6): <c>awards.csv</c> in ftrs.csv format (<c>ftr,holder,source,sink,mw,kind</c>,
/// one row per request awarded more than 0 MW, id = the request's, mw = the increment awarded) so it can be appended
/// to the outstanding set; <c>expansion.csv</c> (every request: requested, awarded, feasible before the expansion,
/// incremental MW, feasible on the expanded network);
/// <c>summary.json</c>.
/// </summary>
public static class FtrExpansionWriter
{
    public static void Write(string directory, FtrExpansionResult result)
    {
        Directory.CreateDirectory(directory);
        WriteFile(
            Path.Combine(directory, "awards.csv"),
            "ftr,holder,source,sink,mw,kind",
            result.Awards.Where(a => a.AwardedMw > 0).Select(a =>
                $"{Text(a.Request.Id)},{Text(a.Request.Holder)},{Text(a.Request.Path.Source.Label)},{Text(a.Request.Path.Sink.Label)},{Number(a.AwardedMw)},{FtrFileReader.Text(a.Request.Kind)}"));
        WriteFile(
            Path.Combine(directory, "expansion.csv"),
            "request,holder,source,sink,kind,requested_mw,awarded_mw,before_mw,incremental_mw,expanded_mw",
            result.Awards.Select(a =>
                $"{Text(a.Request.Id)},{Text(a.Request.Holder)},{Text(a.Request.Path.Source.Label)},{Text(a.Request.Path.Sink.Label)},{FtrFileReader.Text(a.Request.Kind)},{Number(a.Request.Mw)},{Number(a.AwardedMw)},{Number(a.BeforeMw)},{Number(a.IncrementalMw)},{Number(a.ExpandedMw)}"));
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("requests", result.Awards.Count);
            json.WriteNumber("requested_mw", Math.Round(result.Awards.Sum(a => a.Request.Mw), 6));
            json.WriteNumber("awarded_mw", Math.Round(result.AwardedMw, 6));
            json.WriteNumber("before_mw", Math.Round(result.BeforeMw, 6));
            json.WriteNumber("incremental_mw", Math.Round(result.IncrementalMw, 6));
            json.WriteNumber("expanded_mw", Math.Round(result.ExpandedMw, 6));
            json.WriteNumber("before_share_reserved", Math.Round(result.BeforeShare, 9));
            json.WriteBoolean("outstanding_feasible_before", result.OutstandingFeasibleBefore);
            json.WriteEndObject();
        }

        File.WriteAllText(Path.Combine(directory, "summary.json"), Encoding.UTF8.GetString(stream.ToArray()), new UTF8Encoding(false));
    }
}
