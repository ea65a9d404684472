using Gridclear.Designs.FlowPaths;
using Gridclear.IO.Csv;

namespace Gridclear.IO.FlowPaths;

/// <summary>
/// Reads the congestion prices the flow-path model needs from a day-ahead run's output folder (constraints.csv):
/// each path that bound as an interface of its name (base case) gives a <see cref="PathPrice"/>; every other binding
/// constraint (branches, contingencies, other interfaces, nomograms) is congestion outside the paths, costed at its
/// rent, shadow price × |limit| (its congestion rent in the lossless DC market; the operator's cost of holding it).
/// </summary>
public static class DayAheadPathPrices
{
    public const string ConstraintsFile = "constraints.csv";

    public static (IReadOnlyList<PathPrice> Prices, double OtherCongestionCost) Read(string directory, IReadOnlyList<FlowPath> paths)
    {
        var file = Path.Combine(directory, ConstraintsFile);
        if (!File.Exists(file))
        {
            throw new InvalidInputException(file, null, "no constraints.csv: --prices must name the output folder of a day-ahead run (./gridclear clear --out)");
        }

        // An output file, not an input: whatever columns the run added are accepted (only these are read).
        string[] required = ["constraint", "kind", "contingency", "limit", "shadow_price"];
        var header = File.ReadLines(file).FirstOrDefault() ?? string.Empty;
        var table = CsvTable.Read(file, required, [.. header.Split(',').Select(c => c.Trim()).Where(c => c.Length > 0 && !required.Contains(c, StringComparer.OrdinalIgnoreCase)).Append("interval").Distinct(StringComparer.OrdinalIgnoreCase)]);
        var names = paths.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var prices = new List<PathPrice>();
        var other = 0.0;
        foreach (var row in table.Rows)
        {
            if (table.GetOptionalInt(row, "interval") is { } interval && interval != 1)
            {
                throw table.Error(row, $"interval {interval}: path-rights prices one-interval day-ahead runs only");
            }

            var kind = table.GetString(row, "kind");
            if (kind == "balance")
            {
                continue;
            }

            var name = table.GetString(row, "constraint");
            var shadow = table.GetDouble(row, "shadow_price");
            var limit = table.GetDouble(row, "limit");
            var contingency = table.GetOptionalString(row, "contingency");
            if (kind == "interface" && string.IsNullOrEmpty(contingency) && names.Contains(name))
            {
                if (prices.Any(p => p.Path == name))
                {
                    throw table.Error(row, $"path {name} is listed twice");
                }

                prices.Add(new PathPrice(name, shadow, limit >= 0 ? 1 : -1));
            }
            else
            {
                other += shadow * Math.Abs(limit);
            }
        }

        // A flow-path design run (clear --design flowpath) enforced only the paths: what it left to the operator is
        // its redispatch on the full network, the intra-zonal and residual inter-zonal congestion cost (001 G).
        other += RedispatchCost(directory);
        return (prices, other);
    }

    /// <summary>Hours the run covers (summary.json: <c>interval_minutes</c> × <c>interval_count</c>; 1 when absent).</summary>
    public static double Hours(string directory)
    {
        var file = Path.Combine(directory, "summary.json");
        if (!File.Exists(file))
        {
            return 1;
        }

        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(file));
        var root = summary.RootElement;
        var minutes = root.TryGetProperty("interval_minutes", out var m) ? m.GetDouble() : 60;
        var count = root.TryGetProperty("interval_count", out var c) ? c.GetInt32() : 1;
        return minutes * count / 60.0;
    }

    /// <summary>summary.json's <c>redispatch.cost</c> ($), or 0 for a run without one.</summary>
    public static double RedispatchCost(string directory)
    {
        var file = Path.Combine(directory, "summary.json");
        if (!File.Exists(file))
        {
            return 0;
        }

        try
        {
            using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(file));
            return summary.RootElement.TryGetProperty("redispatch", out var r) && r.TryGetProperty("cost", out var cost) ? cost.GetDouble() : 0;
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new InvalidInputException(file, null, $"not a day-ahead run's summary.json: {e.Message}");
        }
    }
}
