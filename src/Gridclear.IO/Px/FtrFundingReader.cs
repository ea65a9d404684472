using System.Globalization;
using System.Text.Json;
using Gridclear.Designs.Px;
using Gridclear.IO.Csv;
using Gridclear.IO.Ftr;
using Gridclear.IO.RealTime;
using Gridclear.Market;

namespace Gridclear.IO.Px;

/// <summary>
/// Reads what <c>ftr-funding</c> compares from a day-ahead output folder: ftr_settlement.csv (every interval's rows of
/// one FTR summed), the summary's <c>ftr</c> blocks (summed over intervals; the funding ratio is paid ÷ positive
/// targets over the run), its <c>library_version</c>, and the cleared load MWh by participant (the market snapshot's
/// resources.csv names them; a resource without one is its own participant).
/// </summary>
public static class FtrFundingReader
{
    public static (FundingSide Side, string? Version, List<(string Participant, double Mwh)> Loads) Read(string directory)
    {
        var da = DayAheadOutputReader.Read(directory);
        var file = Path.Combine(directory, FtrSettlementWriter.FileName);
        if (!File.Exists(file))
        {
            throw new InvalidInputException(directory, null, $"has no {FtrSettlementWriter.FileName}: the day-ahead run settled no FTRs (its market folder needs ftrs.csv)");
        }

        var table = CsvTable.Read(file, ["ftr", "holder", "mw", "amount", "target"], ["kind", "source_price", "sink_price", "settle_at", "interval"]);
        var ftrs = new OrderedDictionary<string, FtrPosition>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var id = table.GetString(row, "ftr");
            var target = Amount(table, row, "target");
            var amount = Amount(table, row, "amount");
            var holder = table.GetString(row, "holder");
            var mw = table.GetDouble(row, "mw");
            if (ftrs.TryGetValue(id, out var seen))
            {
                if (seen.Holder != holder || seen.Mw != mw)
                {
                    throw table.Error(row, $"ftr {id} has another holder or MW than on an earlier line");
                }

                ftrs[id] = seen with { Target = seen.Target + target, Paid = seen.Paid + amount };
            }
            else
            {
                ftrs.Add(id, new FtrPosition(id, holder, mw, target, amount));
            }
        }

        var summaryFile = Path.Combine(directory, "summary.json");
        using var summary = JsonDocument.Parse(File.ReadAllText(summaryFile));
        var root = summary.RootElement;
        List<JsonElement> blocks = root.TryGetProperty("ftr", out var single)
            ? [single]
            : root.TryGetProperty("intervals", out var intervals) ? intervals.EnumerateArray().Where(i => i.TryGetProperty("ftr", out _)).Select(i => i.GetProperty("ftr")).ToList() : [];
        if (blocks.Count == 0)
        {
            throw new InvalidInputException(summaryFile, null, "has no ftr block (revenue adequacy): not the summary of a day-ahead run that settled FTRs");
        }

        decimal Sum(string name) => blocks.Sum(b => b.TryGetProperty(name, out var v) ? v.GetDecimal() : throw new InvalidInputException(summaryFile, null, $"the ftr block has no {name}"));
        var positive = Sum("positive_targets");
        var paid = ftrs.Values.Where(f => f.Paid > 0).Sum(f => f.Paid);
        var ratio = positive == 0 ? 1.0 : (double)Math.Min(1m, paid / positive);
        var side = new FundingSide(Sum("congestion_rent"), positive, Sum("charges"), Sum("shortfall"), blocks.Count == 1 ? blocks[0].GetProperty("funding_ratio").GetDouble() : ratio, [.. ftrs.Values]);
        var version = root.TryGetProperty("library_version", out var v) ? v.GetString() : null;

        var participantOf = new Dictionary<string, string>(StringComparer.Ordinal);
        if (da.MarketSnapshot is { } snapshot && File.Exists(Path.Combine(snapshot, "resources.csv")))
        {
            var resources = CsvTable.Read(Path.Combine(snapshot, "resources.csv"), InputFiles.Resources);
            foreach (var row in resources.Rows)
            {
                participantOf.TryAdd(resources.GetString(row, "resource"), resources.GetString(row, "participant"));
            }
        }

        var hours = da.Position.IntervalMinutes / 60.0;
        var loads = new List<(string, double)>();
        foreach (var interval in da.Position.ResourceMw)
        {
            foreach (var (resource, mw) in interval)
            {
                if (da.Kinds[resource].Kind == ResourceKind.Load && mw > 0)
                {
                    loads.Add((participantOf.GetValueOrDefault(resource, resource), mw * hours));
                }
            }
        }

        return (side, version, loads);
    }

    private static decimal Amount(CsvTable table, CsvRow row, string column)
    {
        var text = table.GetString(row, column);
        return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw table.Error(row, $"column '{column}': '{text}' is not an amount in dollars");
    }
}
