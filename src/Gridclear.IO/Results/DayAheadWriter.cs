using System.Text;
using System.Text.Json;
using Gridclear.Market;
using static Gridclear.IO.Results.CsvText;

namespace Gridclear.IO.Results;

/// <summary>Writes day-ahead results as FORMATS.md says: lmp.csv, dispatch.csv, constraints.csv, summary.json; with more
/// than one interval every file adds the column <c>interval</c> (<see cref="IntervalCsv"/>) and summary.json holds the
/// totals and one entry per interval.</summary>
public static class DayAheadWriter
{
    public const string LmpHeader = "bus,lmp,energy,congestion,loss";
    public const string DispatchHeader = "resource,bus,mw,kind,injection,cost";
    public const string ConstraintsHeader = "constraint,kind,contingency,flow,limit,shadow_price,relaxed_mw,penalty";
    public const string SchedulesHeader = "schedule,participant,bus,submitted_mw,mw,cost";
    public const string ReservePricesHeader = "product,zone,price,cleared_mw,supplier_price,self_mw";
    public const string ReserveAwardsHeader = "resource,product,zone,mw,price,bus,cost";
    public const string UnservedHeader = "bus,unserved_mw,surplus_mw,lmp";

    public static void Write(string directory, DayAheadResult result, IReadOnlyDictionary<string, object?>? extraSummary = null)
    {
        Directory.CreateDirectory(directory);
        WriteFiles(directory, [result]);
        File.WriteAllText(Path.Combine(directory, "summary.json"), Summary(result, extraSummary), new UTF8Encoding(false));
    }

    /// <summary>The CSV files of every interval (one file each, with <c>interval</c> when there are several).</summary>
    public static void WriteFiles(string directory, IReadOnlyList<DayAheadResult> results)
    {
        Directory.CreateDirectory(directory);
        Files.ParallelInOrder.Invoke(
            () => IntervalCsv.Write(Path.Combine(directory, "lmp.csv"), LmpHeader, results.Select(r => r.Prices).ToList(), LmpRow),
            () => IntervalCsv.Write(Path.Combine(directory, "dispatch.csv"), DispatchHeader, results.Select(r => r.Awards).ToList(), DispatchRow),
            () => WriteSmallFiles(directory, results));
    }

    private static void WriteSmallFiles(string directory, IReadOnlyList<DayAheadResult> results)
    {
        IntervalCsv.Write(Path.Combine(directory, "constraints.csv"), ConstraintsHeader, results.Select(ConstraintRows).ToList());
        if (results.Any(r => r.Schedules.Count > 0))
        {
            IntervalCsv.Write(Path.Combine(directory, "schedules.csv"), SchedulesHeader, results.Select(ScheduleRows).ToList());
        }

        if (results.Any(r => r.Reserves is not null))
        {
            IntervalCsv.Write(Path.Combine(directory, "reserve_prices.csv"), ReservePricesHeader, results.Select(ReservePriceRows).ToList());
            IntervalCsv.Write(Path.Combine(directory, "reserve_awards.csv"), ReserveAwardsHeader, results.Select(ReserveAwardRows).ToList());
        }

        if (results.Any(r => r.EnergyRelaxations.Count > 0))
        {
            IntervalCsv.Write(Path.Combine(directory, "unserved.csv"), UnservedHeader, results.Select(UnservedRows).ToList());
        }
    }

    public static IEnumerable<string> ReservePriceRows(DayAheadResult result) =>
        (result.Reserves?.Prices ?? []).Select(p => $"{Text(p.Product)},{Text(p.Zone)},{Number(p.Price)},{Number(p.ClearedMw)},{Number(p.SupplierPrice)},{Number(p.SelfMw)}");

    public static IEnumerable<string> ReserveAwardRows(DayAheadResult result) =>
        (result.Reserves?.Awards ?? []).Select(a => $"{Text(a.Resource)},{Text(a.Product)},{Text(a.Zone)},{Number(a.Mw)},{Number(a.Price)},{a.Bus},{Number(a.Cost)}");

    /// <summary>One lmp.csv row: bus, lmp, energy, congestion, loss.</summary>
    public static void LmpRow(Utf8CsvWriter writer, BusPrice p) =>
        writer.Integer(p.Bus).Comma().Number(p.Lmp).Comma().Number(p.Energy).Comma().Number(p.Congestion).Comma().Number(p.Loss);

    /// <summary>One dispatch.csv row: resource, bus, mw, kind, injection, cost.</summary>
    public static void DispatchRow(Utf8CsvWriter writer, ResourceAward a) =>
        writer.Text(a.Resource).Comma().Integer(a.Bus).Comma().Number(a.Mw).Comma().Ascii(Kind(a.Kind)).Comma().Number(a.InjectionMw).Comma().Number(a.Cost);

    public static IEnumerable<string> ConstraintRows(DayAheadResult result) =>
        result.Constraints.Select(c =>
            $"{Text(c.Constraint)},{c.Kind.ToString().ToLowerInvariant()},{Text(c.Contingency)},{Number(c.Flow)},{Number(c.Limit)},{Number(c.ShadowPrice)},{Number(c.RelaxedMw)},{Number(c.Penalty)}");

    public static IEnumerable<string> ScheduleRows(DayAheadResult result) =>
        result.Schedules.SelectMany(s => s.Legs.Select(l =>
            $"{Text(s.Schedule)},{Text(s.Participant)},{l.Bus},{Number(s.Submitted.Where(x => x.Bus == l.Bus).Sum(x => x.Mw))},{Number(l.Mw)},{Number(s.AdjustmentCost)}"));

    public static IEnumerable<string> UnservedRows(DayAheadResult result) =>
        result.EnergyRelaxations.Select(r => $"{r.Bus},{Number(r.UnservedMw)},{Number(r.SurplusMw)},{Number(r.Lmp)}");

    private static string Kind(ResourceKind kind) => kind == ResourceKind.Generator ? "generator" : "load";

    public static string Summary(DayAheadResult result, IReadOnlyDictionary<string, object?>? extra = null)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            WriteResult(json, result);
            WriteExtra(json, extra);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>
    /// summary.json of a run of several intervals: the totals (status <c>relaxed</c> if any interval is; objective
    /// and penalty cost in $ over the run, Σ $/h × hours; counts summed; price range over all intervals; notes of
    /// every interval, each once), then <c>intervals</c>: one entry per interval, as a single interval's summary
    /// with its number. <paramref name="extra"/> goes at the top level, <paramref name="extraPerInterval"/> (if any)
    /// into each entry.
    /// </summary>
    public static string Summary(IReadOnlyList<DayAheadResult> results, double hours, IReadOnlyDictionary<string, object?>? extra = null, IReadOnlyList<IReadOnlyDictionary<string, object?>?>? extraPerInterval = null)
    {
        if (results.Count == 1)
        {
            return Summary(results[0], Merge(extra, extraPerInterval?[0]));
        }

        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("status", results.Any(r => r.Status == ClearingStatus.Relaxed) ? "relaxed" : "optimal");
            json.WriteNumber("objective", results.Sum(r => r.Objective * hours));
            json.WriteNumber("penalty_cost", results.Sum(r => r.PenaltyCost * hours));
            json.WriteString("reference", results[0].Reference);
            json.WriteBoolean("prices_unique", results.All(r => r.PricesUnique));
            json.WriteNumber("interval_count", results.Count);
            json.WriteNumber("rounds", results.Sum(r => r.Rounds));
            json.WriteNumber("solver_iterations", results.Sum(r => r.SolverIterations));
            json.WriteNumber("warm_started_intervals", results.Count(r => r.WarmStarted));
            json.WriteStartObject("constraints_added");
            foreach (var (kind, count) in results.SelectMany(r => r.ConstraintsAdded).GroupBy(p => p.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Max(p => p.Value))))
            {
                json.WriteNumber(kind, count);
            }

            json.WriteEndObject();
            json.WriteNumber("constraints_added_total", results.Max(r => r.ConstraintsAdded.Values.Sum()));
            json.WriteNumber("binding_constraints", results.Sum(r => r.Constraints.Count(c => c.Kind != ConstraintKind.Balance)));
            json.WriteNumber("relaxed_constraints", results.Sum(r => r.Constraints.Count(c => c.IsRelaxed)));
            json.WriteNumber("unserved_mwh", results.Sum(r => r.EnergyRelaxations.Sum(e => e.UnservedMw) * hours));
            json.WriteNumber("surplus_mwh", results.Sum(r => r.EnergyRelaxations.Sum(e => e.SurplusMw) * hours));
            json.WriteNumber("buses", results[0].Prices.Count);
            json.WriteNumber("resources", results[0].Awards.Count);
            if (results[0].Prices.Count > 0)
            {
                json.WriteNumber("lmp_min", results.Min(r => r.Prices.Min(p => p.Lmp)));
                json.WriteNumber("lmp_max", results.Max(r => r.Prices.Max(p => p.Lmp)));
            }

            json.WriteString("solver", results[0].Solver);
            json.WriteStartArray("notes");
            foreach (var note in results.SelectMany(r => r.Notes).Distinct(StringComparer.Ordinal))
            {
                json.WriteStringValue(note);
            }

            json.WriteEndArray();
            WriteExtra(json, extra);
            json.WriteStartArray("intervals");
            for (var k = 0; k < results.Count; k++)
            {
                json.WriteStartObject();
                json.WriteNumber("interval", k + 1);
                WriteResult(json, results[k]);
                WriteExtra(json, extraPerInterval?[k]);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static IReadOnlyDictionary<string, object?>? Merge(IReadOnlyDictionary<string, object?>? a, IReadOnlyDictionary<string, object?>? b)
    {
        if (a is null || b is null)
        {
            return a ?? b;
        }

        var merged = new Dictionary<string, object?>(a);
        foreach (var (key, value) in b)
        {
            merged[key] = value;
        }

        return merged;
    }

    private static void WriteResult(Utf8JsonWriter json, DayAheadResult result)
    {
        json.WriteString("status", result.Status == ClearingStatus.Optimal ? "optimal" : "relaxed");
        json.WriteNumber("objective", result.Objective);
        json.WriteNumber("penalty_cost", result.PenaltyCost);
        json.WriteString("reference", result.Reference);
        json.WriteBoolean("prices_unique", result.PricesUnique);
        json.WriteNumber("rounds", result.Rounds);
        json.WriteNumber("solver_iterations", result.SolverIterations);
        json.WriteBoolean("warm_started", result.WarmStarted);
        json.WriteStartObject("constraints_added");
        foreach (var (kind, count) in result.ConstraintsAdded)
        {
            json.WriteNumber(kind, count);
        }

        json.WriteEndObject();
        json.WriteNumber("constraints_added_total", result.ConstraintsAdded.Values.Sum());
        json.WriteNumber("binding_constraints", result.Constraints.Count(c => c.Kind != ConstraintKind.Balance));
        json.WriteNumber("relaxed_constraints", result.Constraints.Count(c => c.IsRelaxed));
        json.WriteNumber("unserved_mw", result.EnergyRelaxations.Sum(r => r.UnservedMw));
        json.WriteNumber("surplus_mw", result.EnergyRelaxations.Sum(r => r.SurplusMw));
        json.WriteNumber("buses", result.Prices.Count);
        json.WriteNumber("resources", result.Awards.Count);
        if (result.Prices.Count > 0)
        {
            json.WriteNumber("lmp_min", result.Prices.Min(p => p.Lmp));
            json.WriteNumber("lmp_max", result.Prices.Max(p => p.Lmp));
        }

        if (result.Losses is { } losses)
        {
            // --losses marginal: L at the final flows, what the balance carried (generation − load), iterations.
            json.WriteStartObject("losses");
            json.WriteString("model", "marginal");
            json.WriteNumber("loss_mw", losses.LossMw);
            json.WriteNumber("balance_loss_mw", losses.BalanceLossMw);
            json.WriteNumber("iterations", losses.Iterations);
            json.WriteBoolean("converged", losses.Converged);
            json.WriteEndObject();
        }

        json.WriteString("solver", result.Solver);
        json.WriteStartArray("notes");
        foreach (var note in result.Notes)
        {
            json.WriteStringValue(note);
        }

        json.WriteEndArray();
    }

    private static void WriteExtra(Utf8JsonWriter json, IReadOnlyDictionary<string, object?>? extra)
    {
        foreach (var (key, value) in extra ?? new Dictionary<string, object?>())
        {
            json.WritePropertyName(key);
            Output.JsonValues.Write(json, value);
        }
    }
}
