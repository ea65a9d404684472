using System.CommandLine;
using System.Globalization;
using System.Text;
using Gridclear.Cli.Runs;
using Gridclear.IO.Output;
using Gridclear.IO.Results;
using Gridclear.Market;
using Gridclear.Settlement;
using Spectre.Console;
using static Gridclear.IO.Results.CsvText;

namespace Gridclear.Cli.Commands;

/// <summary>
/// <c>./gridclear rt --case N.m --market RT_DIR --day-ahead DA_OUT --out OUT [--interval-minutes 5] [--emergency]
/// [--losses none|marginal] [--hour-ahead HA_DIR [--activity-rule]]</c>: the real-time market and the real-time half of
/// the two-settlement system (FORMATS.md "Real time"), with the hour-ahead iteration between them (R4) when asked.
/// </summary>
internal static class RtCommand
{
    public static Command Create(TextWriter? output = null)
    {
        var casePath = new Option<string>("--case") { Description = "The network: the same MATPOWER case as the day-ahead run (N1).", Required = true };
        var market = new Option<string>("--market") { Description = "Real-time market folder: real-time offers, bids, demand (the real-time load) and schedules, with 'interval' columns; resources, zones, hubs and security files default to the day-ahead market's.", Required = true };
        var dayAhead = new Option<string>("--day-ahead") { Description = "The output folder of the day-ahead 'clear' run (the binding day-ahead position).", Required = true };
        var outDir = new Option<string>("--out") { Description = "Folder for lmp.csv, dispatch.csv, constraints.csv, deviations.csv, settlement.csv (real time only), statements.txt, summary.json.", Required = true };
        var minutes = new Option<double?>("--interval-minutes") { Description = "Length of a real-time interval, minutes (default: the day-ahead run's); interval i falls in day-ahead interval ceil(i × minutes / day-ahead minutes)." };
        var emergency = new Option<bool>("--emergency") { Description = "A declared emergency: resources without real-time bids may also be moved, at their day-ahead offers and bids." };
        var reference = new Option<string>("--reference") { Description = "Where the energy component is measured: 'case', 'load' or a bus number.", DefaultValueFactory = _ => "case" };
        var losses = new Option<string>("--losses")
        {
            Description = "Transmission losses, as in clear: 'none' (lossless DC) or 'marginal' (DC losses in the balance; loss components in the real-time LMPs, rt_loss_surplus to the operator).",
            DefaultValueFactory = _ => "none",
        };
        var hourAhead = new Option<string?>("--hour-ahead") { Description = "An hour-ahead iteration (R4): a market folder of hour-ahead offers, bids, demand and schedules with intervals of the day-ahead length, cleared and settled against the day ahead before real time; real time then settles against it (hour_ahead/ in OUT)." };
        var activityRule = new Option<bool>("--activity-rule") { Description = "With --hour-ahead: per hour, keep the iteration (day-ahead or hour-ahead) with the lower as-bid cost; activity.csv says which." };
        var command = new Command("rt", "Clear the real-time market on the day-ahead network and security model and settle deviations from the day-ahead position at real-time prices.");
        command.Options.Add(casePath);
        command.Options.Add(market);
        command.Options.Add(dayAhead);
        command.Options.Add(outDir);
        command.Options.Add(minutes);
        command.Options.Add(emergency);
        command.Options.Add(reference);
        command.Options.Add(losses);
        command.Options.Add(hourAhead);
        command.Options.Add(activityRule);
        command.SetAction(parse =>
        {
            var options = new ClearingOptions(Reference: ClearCommand.ParseReference(parse.GetValue(reference)!), Losses: ClearCommand.ParseLosses(parse.GetValue(losses)!));
            var writer = output ?? Console.Out;
            using var folder = OutputFolder.Open(parse.GetValue(outDir)!);
            var run = IntervalProgress.Run(writer, "Real-time intervals", (progress, started) =>
                RealTimeRun.Execute(parse.GetValue(casePath)!, parse.GetValue(market)!, parse.GetValue(dayAhead)!, options, parse.GetValue(minutes), parse.GetValue(emergency), parse.GetValue(hourAhead), parse.GetValue(activityRule), progress, started));
            var watch = System.Diagnostics.Stopwatch.StartNew();
            Write(folder.Path, run);
            folder.Commit();
            Print(run, writer, watch.Elapsed.TotalSeconds);
            return CommandRunner.Success;
        });
        return command;
    }

    /// <summary>The day-ahead, hour-ahead (0 without one), real-time and total net of each participant (operator last).</summary>
    internal static IReadOnlyList<Net> Nets(RealTimeRun run)
    {
        static Dictionary<string, decimal> ByParticipant(IEnumerable<SettlementLine> lines) =>
            lines.GroupBy(l => l.Participant, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(l => l.Amount), StringComparer.Ordinal);
        var da = ByParticipant(run.DayAhead.Settlement.Select(l => l.Line));
        var ha = ByParticipant(run.HourAhead?.Lines.Select(l => l.Line) ?? []);
        var rt = ByParticipant(run.Intervals.SelectMany(i => i.Settlement.Lines));
        return da.Keys.Union(ha.Keys).Union(rt.Keys)
            .OrderBy(p => p == SettlementLine.Operator).ThenBy(p => p, StringComparer.Ordinal)
            .Select(p => new Net(p, da.GetValueOrDefault(p), ha.GetValueOrDefault(p), rt.GetValueOrDefault(p)))
            .ToList();
    }

    /// <summary>A participant's statement over the day: each settlement's net and their sum.</summary>
    internal sealed record Net(string Participant, decimal DayAhead, decimal HourAhead, decimal RealTime)
    {
        public decimal Total => DayAhead + HourAhead + RealTime;
    }

    private static void Write(string dir, RealTimeRun run)
    {
        var intervals = run.Intervals;
        var results = intervals.Select(i => i.Result).ToList();
        DayAheadWriter.WriteFiles(dir, results);
        var lines = intervals.SelectMany(i => i.Settlement.Lines).ToList();
        var nets = Nets(run);
        var top = new Dictionary<string, object?>
        {
            ["market"] = "real-time",
            ["interval_minutes"] = run.IntervalMinutes,
            ["day_ahead_interval_minutes"] = run.DayAhead.Position.IntervalMinutes,
            ["day_ahead_intervals"] = intervals.Select(i => i.DayAheadInterval).ToList(),
            ["emergency"] = run.Emergency,
            ["emergency_moved"] = intervals.SelectMany(i => i.Composed.Emergency).Distinct(StringComparer.Ordinal).ToList(),
            ["held_at_day_ahead"] = intervals.SelectMany(i => i.Composed.HeldMw.Keys).Distinct(StringComparer.Ordinal).Count(),
            ["settlement"] = new Dictionary<string, decimal>
            {
                ["rt_energy"] = lines.Where(l => l.Charge == RealTimeSettlement.Energy).Sum(l => l.Amount),
                ["rt_usage"] = lines.Where(l => l.Charge == RealTimeSettlement.Usage).Sum(l => l.Amount),
                ["rt_congestion_rent"] = lines.Where(l => l.Charge == RealTimeSettlement.CongestionRent).Sum(l => l.Amount),
                ["rt_loss_surplus"] = lines.Where(l => l.Charge == RealTimeSettlement.LossSurplus).Sum(l => l.Amount),
                ["rounding"] = lines.Where(l => l.Charge == Charges.Rounding).Sum(l => l.Amount),
                ["sum_of_all_lines"] = lines.Sum(l => l.Amount),
            },
            ["statements"] = nets.ToDictionary(n => n.Participant, n => Statement(n, run.HourAhead is not null)),
        };
        if (run.HourAhead is { } hourAhead)
        {
            top["hour_ahead"] = WriteHourAhead(Path.Combine(dir, HourAheadFolder), dir, run, hourAhead);
        }

        File.WriteAllText(Path.Combine(dir, "summary.json"), DayAheadWriter.Summary(results, run.Hours, top), new UTF8Encoding(false));
        IntervalCsv.Write(Path.Combine(dir, SettlementCsv.FileName), SettlementCsv.Header, intervals.Select(i => SettlementCsv.Rows(i.Settlement.Lines)).ToList());
        IntervalCsv.Write(Path.Combine(dir, HubPricesCsv.FileName), HubPricesCsv.Header, intervals.Select(i => HubPricesCsv.Rows(i.Hubs)).ToList());
        WriteDeviations(Path.Combine(dir, "deviations.csv"), intervals);
        using var statements = new StreamWriter(Path.Combine(dir, StatementText.FileName));
        WriteStatements(statements, run, nets);
    }

    /// <summary>The folder of the hour-ahead iteration's results inside OUT.</summary>
    internal const string HourAheadFolder = "hour_ahead";

    private static Dictionary<string, decimal> Statement(Net n, bool hourAhead)
    {
        var statement = new Dictionary<string, decimal> { ["day_ahead"] = n.DayAhead };
        if (hourAhead)
        {
            statement["hour_ahead"] = n.HourAhead;
        }

        statement["real_time"] = n.RealTime;
        statement["total"] = n.Total;
        return statement;
    }

    /// <summary>
    /// The hour-ahead iteration's files (<c>hour_ahead/</c>: prices, dispatch, constraints, deviations and its
    /// settlement, only the hours where it stands) and <c>activity.csv</c> in OUT; returns summary.json's
    /// <c>hour_ahead</c> block.
    /// </summary>
    private static Dictionary<string, object?> WriteHourAhead(string dir, string outDir, RealTimeRun run, HourAheadIteration hourAhead)
    {
        var intervals = hourAhead.Intervals;
        var kept = intervals.Zip(hourAhead.Choices).Where(p => p.Second.KeptHourAhead).Select(p => p.First).ToList();
        DayAheadWriter.WriteFiles(dir, intervals.Select(i => i.Result).ToList());
        IntervalCsv.Write(Path.Combine(dir, SettlementCsv.FileName), SettlementCsv.Header, intervals.Select(i => hourAhead.Choices[i.Interval - 1].KeptHourAhead ? SettlementCsv.Rows(i.Settlement.Lines) : []).ToList());
        WriteDeviations(Path.Combine(dir, "deviations.csv"), intervals);
        File.WriteAllText(
            Path.Combine(outDir, "activity.csv"),
            "interval,day_ahead_cost,hour_ahead_cost,kept\n" + string.Concat(hourAhead.Choices.Select(c =>
                $"{c.Interval},{(double.IsNaN(c.DayAheadCost) ? string.Empty : Number(c.DayAheadCost))},{(double.IsNaN(c.HourAheadCost) ? string.Empty : Number(c.HourAheadCost))},{(c.KeptHourAhead ? "hour-ahead" : "day-ahead")}\n")),
            new UTF8Encoding(false));
        var lines = hourAhead.Lines.Select(l => l.Line).ToList();
        string Charge(string rt) => RealTimeSettlement.Charge(RealTimeSettlement.HourAheadMarket, rt);
        return new Dictionary<string, object?>
        {
            ["intervals"] = intervals.Count,
            ["interval_minutes"] = run.DayAhead.Position.IntervalMinutes,
            ["activity_rule"] = hourAhead.ActivityRule,
            ["kept_hour_ahead"] = hourAhead.Choices.Where(c => c.KeptHourAhead).Select(c => c.Interval).ToList(),
            ["kept_day_ahead"] = hourAhead.Choices.Where(c => !c.KeptHourAhead).Select(c => c.Interval).ToList(),
            ["objective"] = intervals.Sum(i => i.Result.Objective) * run.DayAhead.Position.IntervalMinutes / 60.0,
            ["settlement"] = new Dictionary<string, decimal>
            {
                [Charge(RealTimeSettlement.Energy)] = lines.Where(l => l.Charge == Charge(RealTimeSettlement.Energy)).Sum(l => l.Amount),
                [Charge(RealTimeSettlement.Usage)] = lines.Where(l => l.Charge == Charge(RealTimeSettlement.Usage)).Sum(l => l.Amount),
                [Charge(RealTimeSettlement.CongestionRent)] = lines.Where(l => l.Charge == Charge(RealTimeSettlement.CongestionRent)).Sum(l => l.Amount),
                [Charge(RealTimeSettlement.LossSurplus)] = lines.Where(l => l.Charge == Charge(RealTimeSettlement.LossSurplus)).Sum(l => l.Amount),
                ["rounding"] = lines.Where(l => l.Charge == Charges.Rounding).Sum(l => l.Amount),
                ["sum_of_all_lines"] = lines.Sum(l => l.Amount),
            },
        };
    }

    private static void WriteDeviations(string path, IReadOnlyList<RealTimeOutcome> intervals) =>
        IntervalCsv.Write(
            path,
            "resource,participant,bus,kind,day_ahead_interval,da_mw,rt_mw,deviation_mw,price,basis,amount",
            intervals.Select(i => i.Settlement.Deviations.Select(d =>
                $"{Text(d.Resource)},{Text(d.Participant)},{d.Bus},{(d.Kind == ResourceKind.Generator ? "generator" : "load")},{i.DayAheadInterval},{Number(d.DayAheadMw)},{Number(d.RealTimeMw)},{Number(d.DeviationMw)},{Number(d.Price)},{Text(d.Basis)},{Money(d.Amount)}")).ToList());

    /// <summary>statements.txt: per participant, the day-ahead net, the hour-ahead charges and net (with an hour-ahead
    /// iteration), each real-time charge, the real-time net and the total.</summary>
    private static void WriteStatements(TextWriter writer, RealTimeRun run, IReadOnlyList<Net> nets)
    {
        var ha = ParticipantStatement.FromLines(run.HourAhead?.Lines.Select(l => l.Line) ?? []).ToDictionary(s => s.Participant, StringComparer.Ordinal);
        var rt = ParticipantStatement.FromLines(run.Intervals.SelectMany(i => i.Settlement.Lines)).ToDictionary(s => s.Participant, StringComparer.Ordinal);
        foreach (var n in nets)
        {
            writer.Write($"{n.Participant}\n");
            writer.Write($"  {"day-ahead net",-22}{Money(n.DayAhead),18}\n");
            if (run.HourAhead is not null)
            {
                foreach (var c in ha.TryGetValue(n.Participant, out var h) ? h.ByCharge : [])
                {
                    writer.Write($"  {c.Charge,-22}{Money(c.Amount),18}\n");
                }

                writer.Write($"  {"hour-ahead net",-22}{Money(n.HourAhead),18}\n");
            }

            foreach (var c in rt.TryGetValue(n.Participant, out var s) ? s.ByCharge : [])
            {
                writer.Write($"  {c.Charge,-22}{Money(c.Amount),18}\n");
            }

            writer.Write($"  {"real-time net",-22}{Money(n.RealTime),18}\n");
            writer.Write($"  {"total",-22}{Money(n.Total),18}\n");
        }
    }

    private static void Print(RealTimeRun run, TextWriter writer, double writeSeconds)
    {
        var console = Consoles.For(writer);
        var results = run.Intervals.Select(i => i.Result).ToList();
        var table = new Table().Title($"[bold]Real-time market[/] — {Markup.Escape(run.Compiled.Network.Name)}, {results.Count} interval(s) of {run.IntervalMinutes:0.##} min{(run.Emergency ? " [red](emergency)[/]" : string.Empty)}");
        table.AddColumn("Result");
        table.AddColumn(new TableColumn("Value").RightAligned());
        void Row(string label, string value) => table.AddRow(Markup.Escape(label), Markup.Escape(value));
        Row("Status", results.Any(r => r.Status == ClearingStatus.Relaxed) ? $"relaxed in {results.Count(r => r.Status == ClearingStatus.Relaxed)} interval(s)" : "optimal");
        Row("LMP range, $/MWh", $"{results.Min(r => r.Prices.Min(p => p.Lmp)):N2} … {results.Max(r => r.Prices.Max(p => p.Lmp)):N2}");
        Row("Resources held at day-ahead MW", run.Intervals.SelectMany(i => i.Composed.HeldMw.Keys).Distinct(StringComparer.Ordinal).Count().ToString(CultureInfo.InvariantCulture));
        if (run.Emergency)
        {
            Row("Moved at day-ahead bids (emergency)", run.Intervals.SelectMany(i => i.Composed.Emergency).Distinct(StringComparer.Ordinal).Count().ToString(CultureInfo.InvariantCulture));
        }

        if (run.HourAhead is { } ha)
        {
            Row("Hour-ahead iteration", $"{ha.Intervals.Count} interval(s){(ha.ActivityRule ? $", activity rule kept the day ahead in {ha.Choices.Count(c => !c.KeptHourAhead)}" : string.Empty)}");
        }

        Row("Time: read, clear, settle, write (s)", string.Create(CultureInfo.InvariantCulture, $"{run.Stages.Read:0.000}, {run.Stages.Clear:0.000}, {run.Stages.Settle:0.000}, {writeSeconds:0.000}"));
        console.Write(table);

        var nets = new Table().Title("Two-settlement statements, $ (> 0 paid to the participant, < 0 paid by it)");
        nets.AddColumn("Participant");
        nets.AddColumn(new TableColumn("Day-ahead").RightAligned());
        var hourAhead = run.HourAhead is not null;
        if (hourAhead)
        {
            nets.AddColumn(new TableColumn("Hour-ahead").RightAligned());
        }

        nets.AddColumn(new TableColumn("Real-time").RightAligned());
        nets.AddColumn(new TableColumn("Total").RightAligned());
        static string M(decimal d) => d.ToString("N2", CultureInfo.InvariantCulture);
        var all = Nets(run);
        foreach (var n in all)
        {
            nets.AddRow([Markup.Escape(n.Participant), M(n.DayAhead), .. hourAhead ? [M(n.HourAhead)] : Array.Empty<string>(), M(n.RealTime), M(n.Total)]);
        }

        nets.AddRow(["[bold]Total[/]", M(all.Sum(n => n.DayAhead)), .. hourAhead ? [M(all.Sum(n => n.HourAhead))] : Array.Empty<string>(), M(all.Sum(n => n.RealTime)), $"[bold]{M(all.Sum(n => n.Total))}[/]"]);
        console.Write(nets);
        foreach (var note in results.SelectMany(r => r.Notes).Distinct(StringComparer.Ordinal).Take(20))
        {
            console.MarkupLine($"[yellow]note:[/] {Markup.Escape(note)}");
        }
    }
}
