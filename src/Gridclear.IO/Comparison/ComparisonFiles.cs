using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gridclear.Designs.Comparison;
using Gridclear.IO.Csv;
using static Gridclear.IO.Results.CsvText;

namespace Gridclear.IO.Comparison;

/// <summary>A shard's identity: which comparison it belongs to (<paramref name="Fingerprint"/>) and which part it is.</summary>
/// <param name="Fingerprint">Hash of the case, the market folder's files and the options that change results.</param>
public sealed record ShardHeader(int Index, int Count, string Fingerprint, IReadOnlyList<MarketDesign> Designs, int IntervalCount);

/// <summary>A note of the run about one interval.</summary>
public sealed record IntervalNote(int Interval, string Text);

/// <summary>
/// The files of a design comparison (FORMATS "Design comparison"): comparison.csv, participants.csv, and beside them
/// intervals.csv, distributions.csv and bus_prices.csv; and a shard's partial result (shard.json and three CSVs of
/// exact decimal sums) that <c>merge</c> reads back. Decimals are written as they are (invariant culture, scale kept),
/// so a shard's sums read back to the same values and merged results are byte-identical to an unsharded run's.
/// </summary>
public static class ComparisonFiles
{
    public const string ShardFile = "shard.json";
    private const string ShardIntervals = "shard_intervals.csv";
    private const string ShardNets = "shard_participants.csv";
    private const string ShardPrices = "shard_bus_prices.csv";

    /// <summary>The finished comparison's files.</summary>
    public static void Write(string dir, ComparisonResult result, IReadOnlyList<IntervalNote> notes, IReadOnlyDictionary<string, object?> about)
    {
        WriteFile(Path.Combine(dir, "comparison.csv"), "design,quantity,value",
            result.Rows.Select(r => $"{Name(r.Design)},{r.Quantity},{D(r.Value)}"));
        WriteFile(Path.Combine(dir, "participants.csv"), "design,participant,net,difference_from_nodal",
            result.Participants.Select(p => $"{Name(p.Design)},{Text(p.Participant)},{Money(p.Net)},{(p.DifferenceFromNodal is { } d ? Money(d) : string.Empty)}"));
        WriteFile(Path.Combine(dir, "intervals.csv"), "design,interval,quantity,value",
            result.Intervals.SelectMany(o => ComparisonQuantities.Measured.Select(q => $"{Name(o.Design)},{o.Interval},{q},{D(o.Quantities[q])}")));
        WriteFile(Path.Combine(dir, "distributions.csv"), "design,quantity,min,mean,p50,p95,max",
            result.Distributions.Select(d => $"{Name(d.Design)},{d.Quantity},{D(d.Min)},{D(d.Mean)},{D(d.P50)},{D(d.P95)},{D(d.Max)}"));
        WriteFile(Path.Combine(dir, "bus_prices.csv"), "design,bus,price",
            result.BusPrices.Select(p => $"{Name(p.Design)},{p.Bus},{D(p.Price)}"));

        var summary = new JsonObject();
        foreach (var (key, value) in about)
        {
            summary[key] = Output.JsonValues.ToNode(value);
        }

        summary["designs"] = new JsonArray([.. result.Designs.Select(d => (JsonNode)Name(d))]);
        summary["intervals"] = result.IntervalCount;
        var totals = new JsonObject();
        foreach (var design in result.Designs)
        {
            var row = new JsonObject();
            foreach (var r in result.Rows.Where(r => r.Design == design))
            {
                row[r.Quantity] = r.Value;
            }

            row["participants_sum"] = result.Participants.Where(p => p.Design == design).Sum(p => p.Net);
            totals[Name(design)] = row;
        }

        summary["totals"] = totals;
        summary["notes"] = new JsonArray([.. notes.OrderBy(n => n.Interval).Select(n => (JsonNode)n.Text)]);
        File.WriteAllText(Path.Combine(dir, "summary.json"), summary.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>A shard's partial result.</summary>
    public static void WriteShard(string dir, ShardHeader header, ComparisonTally tally, IReadOnlyList<IntervalNote> notes)
    {
        var json = new JsonObject
        {
            ["shard"] = header.Index,
            ["of"] = header.Count,
            ["fingerprint"] = header.Fingerprint,
            ["designs"] = new JsonArray([.. header.Designs.Select(d => (JsonNode)Name(d))]),
            ["intervals"] = header.IntervalCount,
            ["measured"] = new JsonArray([.. tally.Intervals.Select(k => (JsonNode)k)]),
            ["notes"] = new JsonArray([.. notes.Select(n => (JsonNode)new JsonObject { ["interval"] = n.Interval, ["text"] = n.Text })]),
        };
        File.WriteAllText(Path.Combine(dir, ShardFile), json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        WriteFile(Path.Combine(dir, ShardIntervals), "design,interval,quantity,value",
            tally.Outcomes.SelectMany(o => ComparisonQuantities.Measured.Select(q => $"{Name(o.Design)},{o.Interval},{q},{D(o.Quantities[q])}")));
        WriteFile(Path.Combine(dir, ShardNets), "design,participant,sum",
            tally.NetSums.OrderBy(k => Name(k.Key.Design), StringComparer.Ordinal).ThenBy(k => k.Key.Participant, StringComparer.Ordinal)
                .Select(k => $"{Name(k.Key.Design)},{Text(k.Key.Participant)},{D(k.Value)}"));
        WriteFile(Path.Combine(dir, ShardPrices), "design,bus,sum",
            tally.PriceSums.OrderBy(k => Name(k.Key.Design), StringComparer.Ordinal).ThenBy(k => k.Key.Bus)
                .Select(k => $"{Name(k.Key.Design)},{k.Key.Bus},{D(k.Value)}"));
    }

    /// <summary>Reads a shard's partial result back.</summary>
    /// <exception cref="InvalidInputException">naming the file and line of anything unreadable.</exception>
    public static (ShardHeader Header, ComparisonTally Tally, IReadOnlyList<IntervalNote> Notes) ReadShard(string dir)
    {
        var path = Path.Combine(dir, ShardFile);
        if (!File.Exists(path))
        {
            throw new InvalidInputException(dir, null, $"not a shard of a comparison: it has no {ShardFile} (run 'compare --shard i/n --out {dir}')");
        }

        ShardHeader header;
        List<IntervalNote> notes;
        try
        {
            var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            var designs = json["designs"]!.AsArray().Select(d => Design(d!.GetValue<string>(), path, null)).ToList();
            header = new ShardHeader(json["shard"]!.GetValue<int>(), json["of"]!.GetValue<int>(), json["fingerprint"]!.GetValue<string>(), designs, json["intervals"]!.GetValue<int>());
            notes = [.. json["notes"]!.AsArray().Select(n => new IntervalNote(n!["interval"]!.GetValue<int>(), n["text"]!.GetValue<string>()))];
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or FormatException)
        {
            throw new InvalidInputException(path, null, $"unreadable shard header: {e.Message}", e);
        }

        var intervals = CsvTable.Read(Path.Combine(dir, ShardIntervals), ["design", "interval", "quantity", "value"], []);
        var nets = CsvTable.Read(Path.Combine(dir, ShardNets), ["design", "participant", "sum"], []);
        var prices = CsvTable.Read(Path.Combine(dir, ShardPrices), ["design", "bus", "sum"], []);
        try
        {
            var tally = ComparisonTally.Restore(
                header.Designs,
                header.IntervalCount,
                intervals.Rows.Select(r => (Design(intervals.GetString(r, "design"), intervals.Source, r.Line), intervals.GetInt(r, "interval"), intervals.GetString(r, "quantity"), Dec(intervals, r, "value"))),
                nets.Rows.Select(r => (Design(nets.GetString(r, "design"), nets.Source, r.Line), nets.GetString(r, "participant"), Dec(nets, r, "sum"))),
                prices.Rows.Select(r => (Design(prices.GetString(r, "design"), prices.Source, r.Line), prices.GetInt(r, "bus"), Dec(prices, r, "sum"))));
            return (header, tally, notes);
        }
        catch (ArgumentException e)
        {
            throw new InvalidInputException(dir, null, $"inconsistent shard: {e.Message}", e);
        }
    }

    private static string Name(MarketDesign design) => MarketDesigns.Name(design);

    private static string D(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static decimal Dec(CsvTable table, CsvRow row, string column)
    {
        var text = table.GetString(row, column);
        return decimal.TryParse(text, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw table.Error(row, $"column '{column}': '{text}' is not a number");
    }

    private static MarketDesign Design(string name, string source, int? line)
    {
        try
        {
            return MarketDesigns.ParseList(name).Single();
        }
        catch (ArgumentException e)
        {
            throw new InvalidInputException(source, line, e.Message, e);
        }
    }
}
