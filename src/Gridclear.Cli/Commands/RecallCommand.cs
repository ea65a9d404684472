using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Gridclear.Designs.Px;
using Gridclear.Flows;
using Gridclear.IO.Csv;
using Gridclear.IO.Market;
using Gridclear.IO.Matpower;
using Gridclear.IO.Output;
using Gridclear.IO.Px;
using Gridclear.IO.RealTime;
using Gridclear.IO.Results;
using Gridclear.Market;
using Gridclear.Native.Klu;
using Gridclear.Network;
using Spectre.Console;

namespace Gridclear.Cli.Commands;

/// <summary>
/// <c>./gridclear recall --case N.m --market DIR --day-ahead DA_OUT --recall FILE --out OUT</c>: existing-contract
/// holders recall capacity released as recallable; the schedules that used it are cut (README "Recallable transmission").
/// </summary>
internal static class RecallCommand
{
    public static Command Create(TextWriter? output = null)
    {
        var casePath = new Option<string>("--case") { Description = "The network: the MATPOWER case the day-ahead run cleared.", Required = true };
        var market = new Option<string>("--market") { Description = "The day-ahead market folder (etc.csv, flowpaths.csv or interfaces.csv, schedules.csv, adjustments.csv).", Required = true };
        var dayAhead = new Option<string>("--day-ahead") { Description = "The day-ahead run's output folder (dispatch.csv, schedules.csv, lmp.csv).", Required = true };
        var recall = new Option<string>("--recall") { Description = "The recall: a CSV contract,mw (MW recalled of each contract of etc.csv).", Required = true };
        var outDir = new Option<string>("--out") { Description = "Folder for recall_paths.csv, recall_cuts.csv, recall_costs.csv, summary.json.", Required = true };
        var interval = new Option<int>("--interval") { Description = "The day-ahead interval recalled (default 1).", DefaultValueFactory = _ => 1 };
        var command = new Command("recall", "Recall transmission reserved for existing contracts: cut the schedules that used it, in merit order of their adjustment bids (pro rata without bids).");
        command.Options.Add(casePath);
        command.Options.Add(market);
        command.Options.Add(dayAhead);
        command.Options.Add(recall);
        command.Options.Add(outDir);
        command.Options.Add(interval);
        command.SetAction(parse =>
        {
            var powerCase = MatpowerReader.ReadFile(parse.GetValue(casePath)!);
            var network = NetworkCompiler.Compile(powerCase).Network;
            var marketDirectory = parse.GetValue(market)!;
            var intervals = MarketFolderReader.ReadIntervals(marketDirectory, network, powerCase);
            var k = parse.GetValue(interval);
            if (k < 1 || k > intervals.Count)
            {
                throw new InvalidInputException("--interval", null, $"{k} is not an interval of the market (1 to {intervals.Count})");
            }

            var input = intervals[k];
            var etc = EtcFiles.ReadIfPresent(marketDirectory, network, powerCase, input.Interfaces)
                ?? throw new InvalidInputException(Path.Combine(marketDirectory, EtcFiles.EtcFile), null, "is missing: without existing contracts there is nothing to recall");
            var recalled = EtcFiles.ReadRecall(parse.GetValue(recall)!, etc.Contracts);

            var da = DayAheadOutputReader.Read(parse.GetValue(dayAhead)!);
            if (k > da.Position.IntervalCount)
            {
                throw new InvalidInputException("--interval", null, $"the day-ahead run has {da.Position.IntervalCount} interval(s), not {k}");
            }

            var lmp = ReadLmp(Path.Combine(da.Directory, "lmp.csv"), k, da.Position.IntervalCount);
            var injections = new double[network.BusCount];
            foreach (var (resource, mw) in da.Position.ResourceMw[k - 1])
            {
                var (bus, kind) = da.Kinds[resource];
                injections[Index(network, bus, "dispatch.csv")] += kind == ResourceKind.Generator ? mw : -mw;
            }

            var schedules = da.Position.Schedules[k - 1];
            foreach (var leg in schedules.SelectMany(s => s.Legs))
            {
                injections[Index(network, leg.Bus, "schedules.csv")] += leg.Mw;
            }

            using var shiftFactors = new ShiftFactors(network, new KluSolver());
            var flows = new double[network.BranchCount];
            shiftFactors.ComputeFlows(injections, flows);
            var hours = da.Position.IntervalMinutes / 60.0;
            var submitted = input.Schedules.ToDictionary(s => s.Id, StringComparer.Ordinal);
            var (paths, cuts) = RecallableTransmission.Recall(shiftFactors, etc.Paths, recalled, flows, schedules, submitted, input.Adjustments, lmp, hours);

            using var folder = OutputFolder.Open(parse.GetValue(outDir)!);
            CsvText.WriteFile(Path.Combine(folder.Path, RecallableCsv.PathsFile), RecallableCsv.PathsHeader, RecallableCsv.Paths(paths));
            CsvText.WriteFile(Path.Combine(folder.Path, RecallableCsv.CutsFile), RecallableCsv.CutsHeader, RecallableCsv.Cuts(cuts));
            CsvText.WriteFile(Path.Combine(folder.Path, RecallableCsv.CostsFile), RecallableCsv.CostsHeader, RecallableCsv.Costs(cuts));
            File.WriteAllText(Path.Combine(folder.Path, "summary.json"), Summary(k, paths, cuts, TopologyVersion.Of(network)), new UTF8Encoding(false));
            folder.Commit();
            Print(paths, cuts, output ?? Console.Out);
            return CommandRunner.Success;
        });
        return command;
    }

    private static int Index(Network.Network network, int bus, string file) =>
        network.TryGetBusIndex(bus, out var i) ? i : throw new InvalidInputException(file, null, $"bus {bus} of the day-ahead run is not in the case");

    private static Dictionary<int, double> ReadLmp(string file, int interval, int count)
    {
        var table = CsvTable.Read(file, ["bus", "lmp"], ["energy", "congestion", "loss", "interval"]);
        var lmp = new Dictionary<int, double>();
        foreach (var row in table.Rows)
        {
            if ((table.GetOptionalInt(row, "interval") ?? 1) == interval || count == 1)
            {
                lmp[table.GetInt(row, "bus")] = table.GetDouble(row, "lmp");
            }
        }

        return lmp;
    }

    private static string Summary(int interval, IReadOnlyList<PathRecall> paths, IReadOnlyList<ScheduleCut> cuts, string version)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("interval", interval);
            json.WriteString("library_version", version);
            json.WriteNumber("recalled_mw", paths.Sum(p => p.RecalledMw));
            json.WriteNumber("excess_mw", paths.Sum(p => p.ExcessMw));
            json.WriteNumber("freed_mw", paths.Sum(p => p.FreedMw));
            json.WriteNumber("unfreed_mw", paths.Sum(p => p.UnfreedMw));
            json.WriteNumber("schedules_cut", cuts.Select(c => c.Schedule).Distinct().Count());
            json.WriteNumber("cut_mw", cuts.Sum(c => c.CutMw));
            json.WriteNumber("bid_cost", cuts.Sum(c => c.BidCost));
            json.WriteNumber("day_ahead_usage", cuts.Sum(c => c.DayAheadUsage));
            json.WriteStartArray("notes");
            foreach (var p in paths.Where(p => p.UnfreedMw > RecallableTransmission.NoiseMw))
            {
                json.WriteStringValue($"{p.Path} ({RecallableCsv.Direction(p.Direction)}): {p.UnfreedMw:0.######} MW of the recalled capacity is the market resources' flow, not a schedule's: the operator must redispatch it");
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Print(IReadOnlyList<PathRecall> paths, IReadOnlyList<ScheduleCut> cuts, TextWriter writer)
    {
        var console = Consoles.For(writer);
        var t = new Table().Title("[bold]Recall[/] of transmission reserved for existing contracts");
        foreach (var c in new[] { "Path", "Direction", "Recalled, MW", "Flow, MW", "Excess, MW", "Freed, MW", "Unfreed, MW" })
        {
            t.AddColumn(c == "Path" || c == "Direction" ? new TableColumn(c) : new TableColumn(c).RightAligned());
        }

        foreach (var p in paths)
        {
            t.AddRow(Markup.Escape(p.Path), RecallableCsv.Direction(p.Direction), F(p.RecalledMw), F(p.FlowMw), F(p.ExcessMw), F(p.FreedMw), F(p.UnfreedMw));
        }

        console.Write(t);
        var c2 = new Table().Title("Schedules cut ($: bid cost as bid; day-ahead usage of the cut MW)");
        foreach (var c in new[] { "Schedule", "Participant", "Cut, MW", "Relief, MW", "Basis", "Bid cost", "DA usage" })
        {
            c2.AddColumn(c is "Schedule" or "Participant" or "Basis" ? new TableColumn(c) : new TableColumn(c).RightAligned());
        }

        foreach (var c in cuts)
        {
            c2.AddRow(Markup.Escape(c.Schedule), Markup.Escape(c.Participant), F(c.CutMw), F(c.ReliefMw), c.Basis, c.BidCost.ToString("N2", CultureInfo.InvariantCulture), c.DayAheadUsage.ToString("N2", CultureInfo.InvariantCulture));
        }

        console.Write(c2);
    }

    private static string F(double mw) => mw.ToString("N2", CultureInfo.InvariantCulture);
}
