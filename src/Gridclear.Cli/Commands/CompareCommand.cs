using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Gridclear.Cli.Comparison;
using Gridclear.Cli.Runs;
using Gridclear.Designs.Comparison;
using Gridclear.Ftr;
using Gridclear.IO.Comparison;
using Gridclear.IO.Output;
using Gridclear.IO.Matpower;
using Gridclear.Market;
using Gridclear.IO.Map;
using Spectre.Console;

namespace Gridclear.Cli.Commands;

/// <summary>
/// <c>./gridclear compare --case N.m --market DIR --designs nodal,zonal --out OUT [--all-zonal] [--shard i/n]</c>: the
/// same market data under several designs (FORMATS "Design comparison"). With <c>--shard</c>, OUT holds a partial
/// result that <c>./gridclear merge</c> combines with the other shards.
/// </summary>
internal static class CompareCommand
{
    /// <summary>Above this many buses the report draws no map (the force layout is quadratic) unless the case has coordinates.</summary>
    private const int MaxLaidOutBuses = 3000;

    public static Command Create(TextWriter? output = null)
    {
        var casePath = new Option<string>("--case") { Description = "The network: a MATPOWER case file (.m).", Required = true };
        var market = new Option<string>("--market") { Description = "The market folder (with interval columns, every interval is compared).", Required = true };
        var designs = new Option<string>("--designs") { Description = "Designs to compare, comma-separated: nodal, zonal, flowpath (needs flowpaths.csv), px.", DefaultValueFactory = _ => "nodal,zonal,px" };
        var outDir = new Option<string>("--out") { Description = "Folder for comparison.csv, participants.csv, intervals.csv, distributions.csv, bus_prices.csv, report.html, summary.json (or a shard's partial result).", Required = true };
        var allZonal = new Option<bool>("--all-zonal") { Description = "The zonal design settles every resource zonally instead of as elected in resources.csv." };
        var shard = new Option<string?>("--shard") { Description = "i/n: measure only the intervals k with (k − 1) mod n = i − 1 and write a partial result for 'merge'." };
        var minutes = ClearCommand.IntervalMinutesOption();
        var date = new Option<string?>("--date") { Description = "The market day (yyyy-mm-dd): only FTRs in force on it settle." };
        var command = new Command("compare", "Run the same market under several designs (nodal, voluntary zonal, …) and report cost, payments, rent, uplift, FTR funding and each participant's outcome side by side.");
        foreach (var o in new Option[] { casePath, market, designs, outDir, allZonal, shard, minutes, date })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse =>
        {
            var chosen = Parse("--designs", () => MarketDesigns.ParseList(parse.GetValue(designs)!));
            var part = parse.GetValue(shard) is { } text ? ParseShard(text) : ((int, int)?)null;
            DateOnly? day = parse.GetValue(date) is { } d
                ? FtrTerm.TryParseDay(d, out var value) ? value : throw new InvalidInputException("--date", null, $"'{d}' is not a date yyyy-mm-dd")
                : null;
            var options = new ComparisonOptions(chosen, parse.GetValue(allZonal), part, parse.GetValue(minutes), day, ClearingOptions.Default);
            var writer = output ?? Console.Out;
            using var folder = OutputFolder.Open(parse.GetValue(outDir)!);
            var run = IntervalProgress.Run(writer, "Comparing intervals", (progress, started) =>
                ComparisonRun.Execute(parse.GetValue(casePath)!, parse.GetValue(market)!, options, progress, started));
            var about = About(options);
            var map = Map(run.Case, parse.GetValue(casePath)!);
            var notes = run.Notes;
            if (part is { } s)
            {
                var header = new ShardHeader(s.Item1, s.Item2, Fingerprint(parse.GetValue(casePath)!, parse.GetValue(market)!, options), chosen, run.Tally.IntervalCount);
                ComparisonFiles.WriteShard(folder.Path, header, run.Tally, notes);
                ShardExtras.Write(folder.Path, about, map);
                folder.Commit();
                writer.WriteLine($"shard {s.Item1}/{s.Item2}: {run.Tally.Intervals.Count} of {run.Tally.IntervalCount} interval(s) in {run.Seconds.ToString("0.00", CultureInfo.InvariantCulture)} s; combine the shards with './gridclear merge --out OUT SHARD…'");
                return CommandRunner.Success;
            }

            var result = run.Tally.Complete();
            WriteResult(folder.Path, result, notes, about, map);
            folder.Commit();
            Print(result, writer, run.Seconds);
            return CommandRunner.Success;
        });
        return command;
    }

    /// <summary>Every file of a finished comparison (the unsharded run's and merge's: the same bytes).</summary>
    internal static void WriteResult(string dir, ComparisonResult result, IReadOnlyList<IntervalNote> notes, IReadOnlyDictionary<string, object?> about, NetworkMap? map)
    {
        ComparisonFiles.Write(dir, result, notes, about);
        File.WriteAllText(Path.Combine(dir, "report.html"), ComparisonReport.Html(result, map, notes, "Design comparison"), new UTF8Encoding(false));
    }

    internal static void Print(ComparisonResult result, TextWriter writer, double seconds)
    {
        var table = new Table().AddColumn("quantity");
        foreach (var d in result.Designs)
        {
            table.AddColumn(new TableColumn(MarketDesigns.Name(d)).RightAligned());
        }

        foreach (var q in result.Rows.Select(r => r.Quantity).Distinct())
        {
            table.AddRow([q, .. result.Designs.Select(d => result.Value(d, q).ToString("#,0.00####", CultureInfo.InvariantCulture))]);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Write(table);
        writer.WriteLine($"{result.IntervalCount} interval(s), {seconds.ToString("0.00", CultureInfo.InvariantCulture)} s");
    }

    /// <summary>What the summary records about the options (no paths or timings: shards must merge to the same bytes).</summary>
    private static Dictionary<string, object?> About(ComparisonOptions options) => new()
    {
        ["all_zonal"] = options.AllZonal,
        ["interval_minutes"] = options.IntervalMinutes,
        ["date"] = options.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    private static NetworkMap? Map(Network.PowerCase powerCase, string casePath)
    {
        var text = File.ReadAllText(casePath);
        return powerCase.Buses.Count <= MaxLaidOutBuses || text.Contains("mpc.bus_geo", StringComparison.Ordinal) ? NetworkMap.Of(powerCase, text) : null;
    }

    /// <summary>SHA-256 over the case, the market folder's files and the options: shards of one comparison share it.</summary>
    private static string Fingerprint(string casePath, string marketDirectory, ComparisonOptions options)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(File.ReadAllBytes(casePath));
        foreach (var file in Directory.GetFiles(marketDirectory).Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes("\n" + Path.GetFileName(file) + "\n"));
            hash.AppendData(File.ReadAllBytes(file));
        }

        hash.AppendData(Encoding.UTF8.GetBytes($"\n{string.Join(",", options.Designs.Select(MarketDesigns.Name))}|{options.AllZonal}|{options.IntervalMinutes.ToString("R", CultureInfo.InvariantCulture)}|{options.Date}"));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static (int, int) ParseShard(string text)
    {
        var parts = text.Split('/');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var i)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && n >= 1 && i >= 1 && i <= n
                ? (i, n)
                : throw new InvalidInputException("--shard", null, $"'{text}' is not i/n with 1 ≤ i ≤ n");
    }

    private static T Parse<T>(string option, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (ArgumentException e)
        {
            throw new InvalidInputException(option, null, e.Message, e);
        }
    }
}

/// <summary>What a shard carries besides its sums so that merge can write the same report: the options and the map.</summary>
internal static class ShardExtras
{
    private const string File_ = "shard_extras.json";

    public static void Write(string dir, IReadOnlyDictionary<string, object?> about, NetworkMap? map)
    {
        var json = new JsonObject
        {
            ["about"] = JsonValues.ToNode(about),
            ["map"] = map is null ? null : JsonNode.Parse(map.ToJson()),
        };
        File.WriteAllText(Path.Combine(dir, File_), json.ToJsonString() + "\n");
    }

    public static (Dictionary<string, object?> About, NetworkMap? Map) Read(string dir)
    {
        var path = Path.Combine(dir, File_);
        try
        {
            var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            var about = json["about"]!.AsObject().ToDictionary(p => p.Key, p => (object?)p.Value?.DeepClone());
            var map = json["map"] is JsonObject m ? NetworkMapJson.Parse(m) : null;
            return (about, map);
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException or InvalidOperationException or NullReferenceException)
        {
            throw new InvalidInputException(path, null, $"unreadable shard file: {e.Message}", e);
        }
    }
}

/// <summary>Reads back the JSON <see cref="NetworkMap.ToJson"/> writes.</summary>
internal static class NetworkMapJson
{
    public static NetworkMap Parse(JsonObject m) => new(
        m["source"]!.GetValue<string>(),
        [.. m["buses"]!.AsArray().Select(b => new MapBus(b!["bus"]!.GetValue<int>(), b["x"]!.GetValue<double>(), b["y"]!.GetValue<double>()))],
        [.. m["branches"]!.AsArray().Select(b => new MapBranch(b!["from_bus"]!.GetValue<int>(), b["to_bus"]!.GetValue<int>(), b["circuit"]!.GetValue<int>(), b["in_service"]!.GetValue<bool>()))]);
}
