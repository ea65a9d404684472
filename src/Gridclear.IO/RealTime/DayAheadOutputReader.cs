using System.Globalization;
using System.Text.Json;
using Gridclear.IO.Csv;
using Gridclear.IO.Output;
using Gridclear.Market;
using Gridclear.Settlement;

namespace Gridclear.IO.RealTime;

/// <summary>A day-ahead run's output folder, read back as the position real time settles against.</summary>
/// <param name="Position">Day-ahead MW by resource and the cleared schedules, by day-ahead interval.</param>
/// <param name="Settlement">The day-ahead settlement lines with their interval (empty without a market folder).</param>
/// <param name="MarketSnapshot">The copy of the day-ahead market folder the run wrote (<c>market/</c>), or null.</param>
/// <param name="Kinds">Each resource of dispatch.csv: its bus and kind.</param>
public sealed record DayAheadOutput(
    string Directory,
    DayAheadPosition Position,
    IReadOnlyList<(int Interval, SettlementLine Line)> Settlement,
    string? MarketSnapshot,
    IReadOnlyDictionary<string, (int Bus, ResourceKind Kind)> Kinds)
{
    /// <summary>Per day-ahead interval, each resource's as-bid cost, $/h (dispatch.csv <c>cost</c>; absent when the
    /// file has no such column).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, double>> ResourceCosts { get; init; } = [];

    /// <summary>Per day-ahead interval, each schedule's as-bid adjustment cost, $/h (schedules.csv <c>cost</c>).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, double>> ScheduleCosts { get; init; } = [];

    /// <summary>True when dispatch.csv (and schedules.csv, if any) carry the <c>cost</c> column the activity rule needs.</summary>
    public bool HasCosts { get; init; }
}

/// <summary>
/// Reads the output folder of <c>./gridclear clear</c> (FORMATS.md "Real time"): summary.json (interval length and
/// count), dispatch.csv, schedules.csv and settlement.csv, and the market snapshot. Anything else is not a day-ahead
/// output: an <see cref="InvalidInputException"/> naming the file and line.
/// </summary>
public static class DayAheadOutputReader
{
    /// <summary>The copy of the market folder a day-ahead run keeps beside its results, for the real-time run.</summary>
    public const string MarketSnapshotFolder = "market";

    public static DayAheadOutput Read(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            throw new InvalidInputException(directory, null, "the day-ahead folder does not exist");
        }

        string Path(string file) => System.IO.Path.Combine(directory, file);
        if (!File.Exists(Path(OutputFolder.MarkerFile)) || !File.Exists(Path("summary.json")) || !File.Exists(Path("dispatch.csv")) || !File.Exists(Path("lmp.csv")))
        {
            throw new InvalidInputException(directory, null, $"is not the output folder of a Gridclear day-ahead run (it needs {OutputFolder.MarkerFile}, summary.json, lmp.csv and dispatch.csv, as ./gridclear clear --out writes them)");
        }

        var (minutes, count) = ReadSummary(Path("summary.json"));
        var dispatch = CsvTable.Read(Path("dispatch.csv"), ["resource", "bus", "mw"], ["kind", "injection", "cost", "interval", "participant", "settlement"]);
        var mw = Enumerable.Range(0, count).Select(_ => new Dictionary<string, double>(StringComparer.Ordinal)).ToList();
        var kinds = new Dictionary<string, (int, ResourceKind)>(StringComparer.Ordinal);
        var resourceCosts = Enumerable.Range(0, count).Select(_ => new Dictionary<string, double>(StringComparer.Ordinal)).ToList();
        var hasCosts = dispatch.Has("cost");
        foreach (var row in dispatch.Rows)
        {
            var k = IntervalOf(dispatch, row, count);
            var id = dispatch.GetString(row, "resource");
            if (!mw[k - 1].TryAdd(id, dispatch.GetDouble(row, "mw")))
            {
                throw dispatch.Error(row, $"resource {id} appears twice in interval {k}");
            }

            if (hasCosts)
            {
                resourceCosts[k - 1][id] = dispatch.GetDouble(row, "cost");
            }

            var kind = dispatch.GetOptionalString(row, "kind") is null ? ResourceKind.Generator : dispatch.GetEnum<ResourceKind>(row, "kind");
            kinds.TryAdd(id, (dispatch.GetInt(row, "bus"), kind));
        }

        var schedules = Enumerable.Range(0, count).Select(_ => new List<Schedule>()).ToList();
        var scheduleCosts = Enumerable.Range(0, count).Select(_ => new Dictionary<string, double>(StringComparer.Ordinal)).ToList();
        if (File.Exists(Path("schedules.csv")))
        {
            var table = CsvTable.Read(Path("schedules.csv"), ["schedule", "participant", "bus", "mw"], ["submitted_mw", "interval", "cost"]);
            hasCosts &= table.Has("cost");
            var legs = new OrderedDictionary<(int, string), (string Participant, List<ScheduleLeg> Legs)>();
            foreach (var row in table.Rows)
            {
                var k = IntervalOf(table, row, count);
                var id = table.GetString(row, "schedule");
                if (!legs.TryGetValue((k, id), out var s))
                {
                    legs.Add((k, id), s = (table.GetString(row, "participant"), []));
                    if (table.Has("cost"))
                    {
                        // The schedule's cost is repeated on each of its rows.
                        scheduleCosts[k - 1][id] = table.GetDouble(row, "cost");
                    }
                }

                s.Legs.Add(new ScheduleLeg(table.GetInt(row, "bus"), table.GetDouble(row, "mw")));
            }

            foreach (var ((k, id), s) in legs)
            {
                schedules[k - 1].Add(new Schedule(id, s.Participant, false, s.Legs));
            }
        }

        var settlement = new List<(int, SettlementLine)>();
        if (File.Exists(Path("settlement.csv")))
        {
            var table = CsvTable.Read(Path("settlement.csv"), ["participant", "charge", "amount"], ["detail", "interval"]);
            foreach (var row in table.Rows)
            {
                var amount = table.GetString(row, "amount");
                if (!decimal.TryParse(amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var dollars))
                {
                    throw table.Error(row, $"column 'amount': '{amount}' is not an amount in dollars");
                }

                settlement.Add((IntervalOf(table, row, count), new SettlementLine(table.GetString(row, "participant"), table.GetString(row, "charge"), dollars, table.GetOptionalString(row, "detail"))));
            }
        }

        var snapshot = Path(MarketSnapshotFolder);
        var position = new DayAheadPosition(minutes, mw, schedules);
        return new DayAheadOutput(directory, position, settlement, System.IO.Directory.Exists(snapshot) ? snapshot : null, kinds)
        {
            ResourceCosts = resourceCosts,
            ScheduleCosts = scheduleCosts,
            HasCosts = hasCosts,
        };
    }

    /// <summary>The interval of a row: its <c>interval</c> column (required when the run had several), in range.</summary>
    private static int IntervalOf(CsvTable table, CsvRow row, int count)
    {
        var k = table.GetOptionalInt(row, "interval");
        if (k is null)
        {
            return count == 1 ? 1 : throw table.Error(row, $"the day-ahead run has {count} intervals but this row names none (column 'interval')");
        }

        return k >= 1 && k <= count ? k.Value : throw table.Error(row, $"column 'interval': {k} is out of range (the day-ahead run has {count} interval(s))");
    }

    private static (double Minutes, int Count) ReadSummary(string path)
    {
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("status", out _) || !root.TryGetProperty("objective", out _))
            {
                throw new InvalidInputException(path, null, "is not a Gridclear day-ahead summary (no status and objective)");
            }

            var minutes = root.TryGetProperty("interval_minutes", out var m) ? m.GetDouble() : 60;
            var count = root.TryGetProperty("interval_count", out var c) ? c.GetInt32() : 1;
            if (!(minutes > 0) || count < 1)
            {
                throw new InvalidInputException(path, null, $"interval_minutes {minutes} or interval_count {count} is out of range");
            }

            return (minutes, count);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new InvalidInputException(path, null, $"is not a Gridclear day-ahead summary: {e.Message}", e);
        }
    }
}
