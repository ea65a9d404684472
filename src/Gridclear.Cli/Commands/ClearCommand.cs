using System.CommandLine;
using System.Globalization;
using Gridclear.Cli.Runs;
using Gridclear.Ftr;
using Gridclear.IO.Output;
using Gridclear.IO.Results;
using Gridclear.Market;
using Gridclear.Settlement;
using Spectre.Console;

namespace Gridclear.Cli.Commands;

/// <summary><c>./gridclear clear --case NETWORK.m [--market DIR] --out OUT</c>: clears a day-ahead market.</summary>
internal static class ClearCommand
{
    public static Command Create(TextWriter? output = null)
    {
        var casePath = new Option<string>("--case") { Description = "The network: a MATPOWER or PGLib-OPF case file (.m).", Required = true };
        var market = new Option<string?>("--market") { Description = "A market folder (resources, offers, bids, schedules, zones, hubs, interfaces, nomograms, contingencies, ftrs)." };
        var outDir = new Option<string>("--out") { Description = "Folder for lmp.csv, dispatch.csv, constraints.csv, summary.json (and zonal.csv, hubs.csv, settlement.csv with a market).", Required = true };
        var reference = new Option<string>("--reference")
        {
            Description = "Where the energy component is measured: 'case' (the case's reference bus), 'load' (load-weighted distributed) or a bus number.",
            DefaultValueFactory = _ => "case",
        };
        var date = new Option<string?>("--date") { Description = "The market day (yyyy-mm-dd): only FTRs in force on it settle (ftrs.csv term_start..term_end). Without it every FTR settles, whatever its term." };
        var command = new Command("clear", "Clear a day-ahead market: security-constrained dispatch and locational marginal prices.");
        command.Options.Add(casePath);
        command.Options.Add(market);
        command.Options.Add(outDir);
        command.Options.Add(reference);
        command.Options.Add(date);
        command.SetAction(parse =>
        {
            var options = new ClearingOptions(Reference: ParseReference(parse.GetValue(reference)!));
            DateOnly? day = parse.GetValue(date) is { } text
                ? FtrTerm.TryParseDay(text, out var d) ? d : throw new InvalidInputException("--date", null, $"'{text}' is not a date yyyy-mm-dd")
                : null;
            using var folder = OutputFolder.Open(parse.GetValue(outDir)!);
            var run = DayAheadRun.Execute(parse.GetValue(casePath)!, parse.GetValue(market), options, day);
            var dir = folder.Path;
            var ftrs = run.Ftrs;
            var summary = SettlementSummary(run) ?? [];
            if (ftrs is not null)
            {
                foreach (var (key, value) in FtrSettlementStep.Summary(ftrs))
                {
                    summary[key] = value;
                }
            }

            DayAheadWriter.Write(dir, run.Result, summary.Count == 0 ? null : summary);
            if (run.Settlement is { } settlement)
            {
                ZonalPricesCsv.Write(dir, settlement.ZonalPrices);
                HubPricesCsv.Write(dir, run.Hubs);
                SettlementCsv.Write(dir, settlement.Lines);
                using var statements = new StreamWriter(Path.Combine(dir, StatementText.FileName));
                StatementText.Write(statements, settlement.Statements());
            }

            if (ftrs is not null)
            {
                FtrSettlementStep.Write(dir, ftrs);
            }

            folder.Commit();
            Print(run, output ?? Console.Out);
            return CommandRunner.Success;
        });
        return command;
    }

    private static Dictionary<string, object?>? SettlementSummary(DayAheadRun run)
    {
        if (run.Settlement is not { } s)
        {
            return null;
        }

        var t = s.Totals;
        return new Dictionary<string, object?>
        {
            ["settlement"] = new Dictionary<string, decimal>
            {
                ["congestion_rent"] = t.CongestionRent,
                ["zonal_rent"] = t.ZonalRent,
                ["constrained_payments"] = t.ConstrainedPayments,
                ["uplift_offset"] = t.UpliftOffset,
                ["uplift_charged"] = t.UpliftCharged,
                ["rounding"] = t.Rounding,
                ["sum_of_all_lines"] = s.Lines.Sum(l => l.Amount),
            },
        };
    }

    /// <summary>
    /// One row per participant (operator last), its charges gathered in a few columns so the table fits a terminal:
    /// energy; schedules (usage, trade, schedule energy); constrained on/off; uplift; the operator's own accounts
    /// (congestion rent, rounding); net. The last row sums each column: the net total is 0.00. settlement.csv and
    /// statements.txt have every line.
    /// </summary>
    private static Table StatementTable(SettlementResult settlement)
    {
        string[] schedules = [Charges.Usage, Charges.Trade, Charges.ScheduleEnergy];
        string[] constrained = [Charges.ConstrainedOn, Charges.ConstrainedOff];
        string[] operatorAccounts = [Charges.CongestionRent, Charges.Rounding];
        string Column(string charge) =>
            charge == Charges.Energy ? "energy"
            : schedules.Contains(charge) ? "schedules"
            : constrained.Contains(charge) ? "constrained"
            : charge == Charges.Uplift ? "uplift"
            : charge is FtrStatementLines.Charge or FtrStatementLines.OperatorCharge ? "ftr"
            : operatorAccounts.Contains(charge) ? "operator"
            : "other";
        string[] columns = ["energy", "schedules", "constrained", "uplift", "ftr", "operator", "other"];
        var statements = settlement.Statements();
        var used = columns.Where(c => statements.Any(s => s.Lines.Any(l => Column(l.Charge) == c))).ToList();

        var table = new Table().Title("Day-ahead settlement by participant, $ (> 0 paid to it, < 0 paid by it)");
        table.AddColumn("Participant");
        foreach (var c in used)
        {
            table.AddColumn(new TableColumn(c switch
            {
                "energy" => "Energy",
                "schedules" => "Schedules & trades",
                "constrained" => "Constrained on/off",
                "uplift" => "Uplift",
                "ftr" => "FTRs",
                "operator" => "Rent & rounding",
                _ => "Other",
            }).RightAligned());
        }

        table.AddColumn(new TableColumn("Net").RightAligned());
        static string Money(decimal amount) => amount.ToString("N2", CultureInfo.InvariantCulture);
        foreach (var s in statements)
        {
            var cells = new List<string> { Markup.Escape(s.Participant) };
            cells.AddRange(used.Select(c => s.Lines.Any(l => Column(l.Charge) == c) ? Money(s.Lines.Where(l => Column(l.Charge) == c).Sum(l => l.Amount)) : string.Empty));
            cells.Add(Money(s.Total));
            table.AddRow(cells.ToArray());
        }

        var total = new List<string> { "[bold]Total[/]" };
        total.AddRange(used.Select(c => Money(settlement.Lines.Where(l => Column(l.Charge) == c).Sum(l => l.Amount))));
        total.Add($"[bold]{Money(settlement.Lines.Sum(l => l.Amount))}[/]");
        table.AddRow(total.ToArray());
        return table;
    }

    private static PriceReference ParseReference(string text) => text switch
    {
        "case" => PriceReference.CaseReference,
        "load" => PriceReference.LoadWeighted,
        _ when int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var bus) => new PriceReference.SingleBus(bus),
        _ => throw new InvalidInputException("--reference", null, $"'{text}' is not 'case', 'load' or a bus number"),
    };

    private static void Print(DayAheadRun run, TextWriter writer)
    {
        var console = Consoles.For(writer);
        var r = run.Result;
        var table = new Table().Title($"[bold]Day-ahead market[/] — {Markup.Escape(run.Network.Name)}");
        table.AddColumn("Result");
        table.AddColumn(new TableColumn("Value").RightAligned());
        void Row(string label, string value) => table.AddRow(Markup.Escape(label), Markup.Escape(value));
        Row("Status", r.Status == ClearingStatus.Optimal ? "optimal" : "relaxed");
        Row("As-bid cost, $/h", r.Objective.ToString("N2", CultureInfo.InvariantCulture));
        if (r.PenaltyCost >= 0.005)
        {
            Row("Penalty cost, $/h", r.PenaltyCost.ToString("N2", CultureInfo.InvariantCulture));
        }

        Row("LMP range, $/MWh", $"{r.Prices.Min(p => p.Lmp):N2} … {r.Prices.Max(p => p.Lmp):N2}");
        Row("Energy reference", r.Reference);
        Row("Binding constraints", r.Constraints.Count(c => c.Kind != ConstraintKind.Balance).ToString(CultureInfo.InvariantCulture));
        Row("Rounds (constraints added)", $"{r.Rounds} ({r.ConstraintsAdded.Values.Sum()})");
        Row("Time: read, model, clear (s)", $"{run.ReadSeconds:0.000}, {run.ModelSeconds:0.000}, {r.Timings.Total:0.000}");
        Row("Clear: build, solve, flow check, prices (s)", $"{r.Timings.Build:0.000}, {r.Timings.Solve:0.000}, {r.Timings.FlowCheck:0.000}, {r.Timings.Pricing:0.000}");
        console.Write(table);

        var binding = r.Constraints.Where(c => c.Kind != ConstraintKind.Balance).OrderByDescending(c => c.ShadowPrice).Take(10).ToList();
        if (binding.Count > 0)
        {
            var t = new Table().Title("Top binding constraints");
            t.AddColumn("Constraint");
            t.AddColumn("Kind");
            t.AddColumn("Contingency");
            t.AddColumn(new TableColumn("Flow, MW").RightAligned());
            t.AddColumn(new TableColumn("Limit, MW").RightAligned());
            t.AddColumn(new TableColumn("Shadow price, $/MWh").RightAligned());
            foreach (var c in binding)
            {
                t.AddRow(Markup.Escape(c.Constraint), c.Kind.ToString().ToLowerInvariant(), Markup.Escape(c.Contingency), c.Flow.ToString("N2", CultureInfo.InvariantCulture), c.Limit.ToString("N2", CultureInfo.InvariantCulture), c.ShadowPrice.ToString("N3", CultureInfo.InvariantCulture));
            }

            console.Write(t);
        }

        if (run.Settlement is { } settlement)
        {
            var zones = new Table().Title("Zonal prices, $/MWh");
            zones.AddColumn("Zone");
            zones.AddColumn(new TableColumn("Load price").RightAligned());
            zones.AddColumn(new TableColumn("Generation price").RightAligned());
            foreach (var z in settlement.ZonalPrices)
            {
                zones.AddRow(Markup.Escape(z.Zone), z.LoadPrice.ToString("N2", CultureInfo.InvariantCulture), z.GenerationPrice.ToString("N2", CultureInfo.InvariantCulture));
            }

            console.Write(zones);
            if (run.Hubs.Count > 0)
            {
                var hubs = new Table().Title("Hub prices, $/MWh");
                hubs.AddColumn("Hub");
                hubs.AddColumn(new TableColumn("Price").RightAligned());
                foreach (var h in run.Hubs)
                {
                    hubs.AddRow(Markup.Escape(h.Hub), h.Price.ToString("N2", CultureInfo.InvariantCulture));
                }

                console.Write(hubs);
            }

            console.Write(StatementTable(settlement));
        }

        foreach (var note in r.Notes)
        {
            console.MarkupLine($"[yellow]note:[/] {Markup.Escape(note)}");
        }
    }
}
