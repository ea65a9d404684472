using Gridclear.Designs.FlowPaths;
using Gridclear.IO.Csv;
using static Gridclear.IO.Results.CsvText;

namespace Gridclear.IO.FlowPaths;

/// <summary>
/// The congestion of day-ahead runs for <c>path-rights --suggest</c> (P1, N6): every binding constraint of each run's
/// constraints.csv (every interval) and, for a flow-path design run, of its redispatch_constraints.csv (the congestion
/// the commercial model left to the operator), each with its rent, shadow price × |limit| × the interval's hours.
/// Writes the ranking (<c>suggestions.csv</c>) and the zones' internal congestion (<c>zone_congestion.csv</c>).
/// </summary>
public static class CongestionRents
{
    public static List<BindingRent> Read(IEnumerable<string> runDirectories)
    {
        var rents = new List<BindingRent>();
        foreach (var dir in runDirectories)
        {
            var file = Path.Combine(dir, DayAheadPathPrices.ConstraintsFile);
            if (!File.Exists(file))
            {
                throw new InvalidInputException(file, null, "no constraints.csv: --suggest takes output folders of day-ahead runs (./gridclear clear --out)");
            }

            var hours = DayAheadPathPrices.Hours(dir) / Math.Max(1, IntervalCount(dir));
            var start = rents.Count;
            Add(file, hours, rents, null);
            var redispatch = Path.Combine(dir, RedispatchWriter.ConstraintsFileName);
            if (File.Exists(redispatch))
            {
                // The paths bind in the redispatch as they did in the commercial model: counted once, there.
                var commercial = rents.Skip(start).Select(r => (r.Kind, r.Constraint)).ToHashSet();
                Add(redispatch, hours, rents, commercial);
            }
        }

        return rents;
    }

    private static int IntervalCount(string dir)
    {
        var file = Path.Combine(dir, "summary.json");
        if (!File.Exists(file))
        {
            return 1;
        }

        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(file));
        return summary.RootElement.TryGetProperty("interval_count", out var c) ? c.GetInt32() : 1;
    }

    private static void Add(string file, double hours, List<BindingRent> rents, HashSet<(string, string)>? skip)
    {
        string[] required = ["constraint", "kind", "limit", "shadow_price"];
        var header = File.ReadLines(file).FirstOrDefault() ?? string.Empty;
        var table = CsvTable.Read(file, required, [.. header.Split(',').Select(c => c.Trim()).Where(c => c.Length > 0 && !required.Contains(c, StringComparer.OrdinalIgnoreCase))]);
        foreach (var row in table.Rows)
        {
            var kind = table.GetString(row, "kind");
            if (kind == "balance")
            {
                continue;
            }

            if (skip?.Contains((kind, table.GetString(row, "constraint"))) == true)
            {
                continue;
            }

            rents.Add(new BindingRent(table.GetString(row, "constraint"), kind, table.GetDouble(row, "shadow_price") * Math.Abs(table.GetDouble(row, "limit")) * hours));
        }
    }

    public static void Write(string directory, IReadOnlyList<ElementCongestion> elements, IReadOnlyList<ZoneCongestion> zones)
    {
        WriteFile(
            Path.Combine(directory, "suggestions.csv"),
            "rank,element,kind,scope,zone,path,rent,share,bindings,suggestion",
            elements.Select(e => $"{e.Rank},{Text(e.Element)},{e.Kind},{e.Scope},{Text(e.Zone ?? string.Empty)},{Text(e.Path ?? string.Empty)},{Number(Math.Round(e.Rent, 2))},{Number(Math.Round(e.Share, 6))},{e.Bindings},{Text(e.Suggestion)}"));
        WriteFile(
            Path.Combine(directory, "zone_congestion.csv"),
            "zone,intra_zonal_rent,share,split",
            zones.Select(z => $"{Text(z.Zone)},{Number(Math.Round(z.Rent, 2))},{Number(Math.Round(z.Share, 6))},{(z.Significant ? "true" : "false")}"));
    }
}
