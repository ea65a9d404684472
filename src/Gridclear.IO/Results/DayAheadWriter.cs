using System.Text;
using System.Text.Json;
using Gridclear.Market;
using static Gridclear.IO.Results.CsvText;

namespace Gridclear.IO.Results;

/// <summary>Writes a day-ahead result as FORMATS.md says: lmp.csv, dispatch.csv, constraints.csv, summary.json.</summary>
public static class DayAheadWriter
{
    public static void Write(string directory, DayAheadResult result, IReadOnlyDictionary<string, object?>? extraSummary = null)
    {
        Directory.CreateDirectory(directory);
        WriteFile(
            Path.Combine(directory, "lmp.csv"),
            "bus,lmp,energy,congestion,loss",
            result.Prices.Select(p => $"{p.Bus},{Number(p.Lmp)},{Number(p.Energy)},{Number(p.Congestion)},{Number(p.Loss)}"));
        WriteFile(
            Path.Combine(directory, "dispatch.csv"),
            "resource,bus,mw,kind,injection,cost",
            result.Awards.Select(a => $"{Text(a.Resource)},{a.Bus},{Number(a.Mw)},{Kind(a.Kind)},{Number(a.InjectionMw)},{Number(a.Cost)}"));
        WriteFile(
            Path.Combine(directory, "constraints.csv"),
            "constraint,kind,contingency,flow,limit,shadow_price,relaxed_mw,penalty",
            result.Constraints.Select(c =>
                $"{Text(c.Constraint)},{c.Kind.ToString().ToLowerInvariant()},{Text(c.Contingency)},{Number(c.Flow)},{Number(c.Limit)},{Number(c.ShadowPrice)},{Number(c.RelaxedMw)},{Number(c.Penalty)}"));
        if (result.Schedules.Count > 0)
        {
            WriteFile(
                Path.Combine(directory, "schedules.csv"),
                "schedule,participant,bus,submitted_mw,mw",
                result.Schedules.SelectMany(s => s.Legs.Select(l =>
                    $"{Text(s.Schedule)},{Text(s.Participant)},{l.Bus},{Number(s.Submitted.Where(x => x.Bus == l.Bus).Sum(x => x.Mw))},{Number(l.Mw)}")));
        }

        File.WriteAllText(Path.Combine(directory, "summary.json"), Summary(result, extraSummary), new UTF8Encoding(false));
    }

    private static string Kind(ResourceKind kind) => kind == ResourceKind.Generator ? "generator" : "load";

    public static string Summary(DayAheadResult result, IReadOnlyDictionary<string, object?>? extra = null)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("status", result.Status == ClearingStatus.Optimal ? "optimal" : "relaxed");
            json.WriteNumber("objective", result.Objective);
            json.WriteNumber("penalty_cost", result.PenaltyCost);
            json.WriteString("reference", result.Reference);
            json.WriteBoolean("prices_unique", result.PricesUnique);
            json.WriteNumber("rounds", result.Rounds);
            json.WriteStartObject("constraints_added");
            foreach (var (kind, count) in result.ConstraintsAdded)
            {
                json.WriteNumber(kind, count);
            }

            json.WriteEndObject();
            json.WriteNumber("constraints_added_total", result.ConstraintsAdded.Values.Sum());
            json.WriteNumber("binding_constraints", result.Constraints.Count(c => c.Kind != ConstraintKind.Balance));
            json.WriteNumber("relaxed_constraints", result.Constraints.Count(c => c.IsRelaxed));
            json.WriteNumber("buses", result.Prices.Count);
            json.WriteNumber("resources", result.Awards.Count);
            if (result.Prices.Count > 0)
            {
                json.WriteNumber("lmp_min", result.Prices.Min(p => p.Lmp));
                json.WriteNumber("lmp_max", result.Prices.Max(p => p.Lmp));
            }

            json.WriteString("solver", result.Solver);
            json.WriteStartArray("notes");
            foreach (var note in result.Notes)
            {
                json.WriteStringValue(note);
            }

            json.WriteEndArray();
            if (extra is not null)
            {
                foreach (var (key, value) in extra)
                {
                    json.WritePropertyName(key);
                    JsonSerializer.Serialize(json, value);
                }
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
