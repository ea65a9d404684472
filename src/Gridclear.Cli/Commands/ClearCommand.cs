using System.CommandLine;
using System.Globalization;
using System.Text;
using Gridclear.Cli.Runs;
using Gridclear.Flows;
using Gridclear.Ftr;
using Gridclear.IO.Ftr;
using Gridclear.IO.Csv;
using Gridclear.IO.FlowPaths;
using Gridclear.IO.Output;
using Gridclear.IO.Px;
using Gridclear.IO.RealTime;
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
        var minutes = IntervalMinutesOption();
        var losses = new Option<string>("--losses")
        {
            Description = "Transmission losses: 'none' (lossless DC, as MATPOWER) or 'marginal' (DC losses in the balance, iterated; loss components in the LMPs).",
            DefaultValueFactory = _ => "none",
        };
        var design = new Option<string>("--design")
        {
            Description = "Market design: 'nodal' (locational prices on the full network) or 'flowpath' (001: the zonal commercial model joined by the flow paths of flowpaths.csv, then the operator's redispatch on the full network).",
            DefaultValueFactory = _ => "nodal",
        };
        var command = new Command("clear", "Clear a day-ahead market: security-constrained dispatch and locational marginal prices, every interval of the market folder.");
        command.Options.Add(casePath);
        command.Options.Add(market);
        command.Options.Add(outDir);
        command.Options.Add(reference);
        command.Options.Add(date);
        command.Options.Add(minutes);
        command.Options.Add(losses);
        command.Options.Add(design);
        command.SetAction(parse =>
        {
            var marketDesign = parse.GetValue(design) switch
            {
                "nodal" => ClearingDesign.Nodal,
                "flowpath" => ClearingDesign.FlowPath,
                var other => throw new InvalidInputException("--design", null, $"'{other}' is not 'nodal' or 'flowpath'"),
            };
            var options = new ClearingOptions(Reference: ParseReference(parse.GetValue(reference)!), Losses: ParseLosses(parse.GetValue(losses)!));
            DateOnly? day = parse.GetValue(date) is { } text
                ? FtrTerm.TryParseDay(text, out var d) ? d : throw new InvalidInputException("--date", null, $"'{text}' is not a date yyyy-mm-dd")
                : null;
            var writer = output ?? Console.Out;
            using var folder = OutputFolder.Open(parse.GetValue(outDir)!);
            var run = IntervalProgress.Run(writer, "Clearing intervals", (progress, started) =>
                DayAheadRun.Execute(parse.GetValue(casePath)!, parse.GetValue(market), options, parse.GetValue(minutes), progress, started, day, marketDesign));
            var writing = System.Diagnostics.Stopwatch.StartNew();
            Write(folder.Path, run, parse.GetValue(market));
            folder.Commit();
            Print(run, writer, writing.Elapsed.TotalSeconds);
            return CommandRunner.Success;
        });
        return command;
    }

    /// <summary><c>--interval-minutes</c>: the length of every interval of the run (FORMATS.md "Time").</summary>
    internal static Option<double> IntervalMinutesOption(double defaultMinutes = DayAheadRun.DefaultIntervalMinutes) => new("--interval-minutes")
    {
        Description = "Length of each interval, minutes (written to summary.json as interval_minutes; MWh = MW × minutes / 60).",
        DefaultValueFactory = _ => defaultMinutes,
    };

    /// <summary>Every output file of a run (FORMATS.md; with several intervals each file adds <c>interval</c>).</summary>
    /// <param name="marketDirectory">The run's market folder: its files are copied to <c>market/</c> beside the
    /// results, so the real-time run (<c>rt --day-ahead</c>) knows the day-ahead resources, offers and security files.</param>
    internal static void Write(string dir, DayAheadRun run, string? marketDirectory = null)
    {
        if (marketDirectory is not null)
        {
            var snapshot = Path.Combine(dir, DayAheadOutputReader.MarketSnapshotFolder);
            Directory.CreateDirectory(snapshot);
            foreach (var schema in InputFiles.MarketFolder)
            {
                var source = Path.Combine(marketDirectory, schema.File);
                if (File.Exists(source))
                {
                    File.Copy(source, Path.Combine(snapshot, schema.File));
                }
            }
        }

        var intervals = run.Intervals;
        var top = new Dictionary<string, object?> { ["interval_minutes"] = run.IntervalMinutes, ["library_version"] = TopologyVersion.Of(run.Network) };
        if (run.Design == ClearingDesign.FlowPath)
        {
            top["design"] = "flowpath";
            top["redispatch"] = RedispatchWriter.Summary(run.Intervals.Select(i => i.Redispatch!).ToList(), run.Hours);
        }

        var perInterval = intervals.Select(i => (IReadOnlyDictionary<string, object?>?)IntervalSummary(i)).ToList();
        if (intervals.Count > 1 && intervals[0].Settlement is not null)
        {
            top["settlement"] = SettlementBlock(intervals.Select(i => i.Settlement!).ToList());
        }

        // The files are independent: written on both cores (a day of 10,000 buses is 600,000 rows).
        Gridclear.IO.Files.ParallelInOrder.Invoke(
            () => DayAheadWriter.WriteFiles(dir, intervals.Select(i => i.Result).ToList()),
            () => File.WriteAllText(Path.Combine(dir, "summary.json"), DayAheadWriter.Summary(intervals.Select(i => i.Result).ToList(), run.Hours, top, perInterval), new UTF8Encoding(false)),
            () => WriteSettlementFiles(dir, run),
            () => WriteDesignFiles(dir, run));
    }

    /// <summary>zonal.csv, hubs.csv, settlement.csv and statements, with a market folder.</summary>
    private static void WriteSettlementFiles(string dir, DayAheadRun run)
    {
        var intervals = run.Intervals;
        if (intervals[0].Settlement is null)
        {
            return;
        }

        IntervalCsv.Write(Path.Combine(dir, ZonalPricesCsv.FileName), ZonalPricesCsv.Header, intervals.Select(i => ZonalPricesCsv.Rows(i.Settlement!.ZonalPrices)).ToList());
        IntervalCsv.Write(Path.Combine(dir, HubPricesCsv.FileName), HubPricesCsv.Header, intervals.Select(i => HubPricesCsv.Rows(i.Hubs)).ToList());
        IntervalCsv.Write(Path.Combine(dir, SettlementCsv.FileName), SettlementCsv.Header, intervals.Select(i => SettlementCsv.Rows(i.Settlement!.Lines)).ToList());
        using var statements = new StreamWriter(Path.Combine(dir, StatementText.FileName));
        StatementText.Write(statements, run.Statements);
    }

    /// <summary>The files of recallable transmission, nomogram charges, FTRs and the flow-path redispatch, when the run has them.</summary>
    private static void WriteDesignFiles(string dir, DayAheadRun run)
    {
        var intervals = run.Intervals;
        if (intervals[0].Recallable is not null)
        {
            IntervalCsv.Write(Path.Combine(dir, RecallableCsv.UsesFile), RecallableCsv.UsesHeader, intervals.Select(i => RecallableCsv.Uses(i.Recallable!.Value.Uses)).ToList());
            IntervalCsv.Write(Path.Combine(dir, RecallableCsv.UsersFile), RecallableCsv.UsersHeader, intervals.Select(i => RecallableCsv.Users(i.Recallable!.Value.Users)).ToList());
        }

        if (intervals[0].NomogramCharges is not null)
        {
            IntervalCsv.Write(Path.Combine(dir, NomogramChargesCsv.FileName), NomogramChargesCsv.Header, intervals.Select(i => NomogramChargesCsv.Rows(i.NomogramCharges ?? [])).ToList());
        }

        if (intervals[0].Ftrs is not null)
        {
            IntervalCsv.Write(Path.Combine(dir, FtrSettlementWriter.FileName), FtrSettlementWriter.Header, intervals.Select(i => FtrSettlementWriter.Rows(i.Ftrs!)).ToList());
        }

        if (intervals[0].Redispatch is not null)
        {
            RedispatchWriter.Write(dir, intervals.Select(i => i.Redispatch!).ToList());
        }
    }

    private static Dictionary<string, object?>? IntervalSummary(IntervalOutcome interval)
    {
        var summary = new Dictionary<string, object?>();
        if (interval.Settlement is { } s)
        {
            summary["settlement"] = SettlementBlock([s]);
        }

        if (interval.NomogramCharges is { } nomogramCharges)
        {
            summary["nomogram_charges"] = NomogramSummary(nomogramCharges);
        }

        if (interval.Redispatch is { } redispatch)
        {
            summary["redispatch"] = RedispatchWriter.Summary([redispatch], 1);
        }

        if (interval.Ftrs is { } ftrs)
        {
            foreach (var (key, value) in FtrSettlementStep.Summary(ftrs))
            {
                summary[key] = value;
            }
        }

        return summary.Count == 0 ? null : summary;
    }

    /// <summary>
    /// The <c>nomogram_charges</c> block of summary.json: per binding nomogram its shadow price, Σ contributions and
    /// Σ amounts ($; −shadow price × Σ contributions × hours to the cent per row); <c>total</c> is minus the nomograms'
    /// part of the nodal congestion rent (see NomogramUsageCharges).
    /// </summary>
    private static Dictionary<string, object?> NomogramSummary(IReadOnlyList<Designs.Px.NomogramCharge> charges)
    {
        var block = new Dictionary<string, object?>();
        foreach (var g in charges.GroupBy(c => c.Nomogram, StringComparer.Ordinal))
        {
            block[g.Key] = new Dictionary<string, object?>
            {
                ["shadow_price"] = g.First().ShadowPrice,
                ["contribution_mw"] = g.Sum(c => c.ContributionMw),
                ["amount"] = g.Sum(c => c.Amount),
            };
        }

        block["total"] = charges.Sum(c => c.Amount);
        return block;
    }

    /// <summary>The <c>settlement</c> block of summary.json, summed over the given intervals' settlements.</summary>
    private static Dictionary<string, decimal> SettlementBlock(IReadOnlyList<SettlementResult> settlements) => new()
    {
        ["congestion_rent"] = settlements.Sum(s => s.Totals.CongestionRent),
        ["zonal_rent"] = settlements.Sum(s => s.Totals.ZonalRent),
        ["constrained_payments"] = settlements.Sum(s => s.Totals.ConstrainedPayments),
        ["uplift_offset"] = settlements.Sum(s => s.Totals.UpliftOffset),
        ["uplift_charged"] = settlements.Sum(s => s.Totals.UpliftCharged),
        ["rounding"] = settlements.Sum(s => s.Totals.Rounding),
        ["loss_surplus"] = settlements.Sum(s => s.Lines.Where(l => l.Participant == SettlementLine.Operator && l.Charge == Charges.LossSurplus).Sum(l => l.Amount)),
        ["sum_of_all_lines"] = settlements.Sum(s => s.Lines.Sum(l => l.Amount)),
    };

    /// <summary>Participants a console statement table shows at most (the operator among them).</summary>
    internal const int ConsoleParticipants = 30;

    /// <summary>
    /// One row per participant (operator last; beyond <see cref="ConsoleParticipants"/>, the largest accounts), its
    /// charges gathered in a few columns so the table fits a terminal: energy; schedules (usage, trade, schedule energy);
    /// constrained on/off; uplift; the operator's own accounts (congestion rent, rounding); net. The last row sums each
    /// column over every participant: the net total is 0.00. settlement.csv and statements.txt have every line.
    /// </summary>
    internal const string DayAheadStatementTitle = "Day-ahead settlement by participant, $ (> 0 paid to it, < 0 paid by it)";

    internal static Table StatementTable(IReadOnlyList<SettlementLine> lines, string title = DayAheadStatementTitle) =>
        StatementTable(ParticipantStatement.FromLines(lines), title);

    /// <summary>The statements as a table: one row per participant, one column per kind of charge the run has.</summary>
    internal static Table StatementTable(IReadOnlyList<ParticipantStatement> statements, string title)
    {
        string[] schedules = [Charges.Usage, Charges.Trade, Charges.ScheduleEnergy];
        string[] constrained = [Charges.ConstrainedOn, Charges.ConstrainedOff];
        string[] operatorAccounts = [Charges.CongestionRent, Charges.LossSurplus, Charges.Rounding];
        string Column(string charge) =>
            charge == Charges.Energy ? "energy"
            : schedules.Contains(charge) ? "schedules"
            : constrained.Contains(charge) ? "constrained"
            : charge == Charges.Uplift ? "uplift"
            : charge is FtrStatementLines.Charge or FtrStatementLines.OperatorCharge ? "ftr"
            : operatorAccounts.Contains(charge) ? "operator"
            : "other";
        string[] columns = ["energy", "schedules", "constrained", "uplift", "ftr", "operator", "other"];
        // Columns and totals from each statement's per-charge totals (decimal sums are exact: the same as over the lines,
        // which a 10,000-bus market folder has tens of thousands of).
        var charges = statements.SelectMany(s => s.ByCharge).ToList();
        var present = charges.Select(t => Column(t.Charge)).ToHashSet(StringComparer.Ordinal);
        var used = columns.Where(present.Contains).ToList();

        var table = new Table().Title(title);
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

        // A terminal shows the largest accounts: beyond ConsoleParticipants rows (a market folder over a 10,000-bus case
        // makes every case generator and load a participant: 6,000 rows), the participants with the largest net amounts,
        // in their usual order, the operator always; the totals still cover everyone, and the files hold every line.
        var shown = statements.Count <= ConsoleParticipants
            ? statements
            : statements.Select((s, i) => (s, i))
                .OrderByDescending(x => x.s.Participant == SettlementLine.Operator)
                .ThenByDescending(x => Math.Abs(x.s.Total))
                .ThenBy(x => x.i)
                .Take(ConsoleParticipants)
                .OrderBy(x => x.i)
                .Select(x => x.s)
                .ToList();
        foreach (var s in shown)
        {
            var cells = new List<string> { Markup.Escape(s.Participant) };
            cells.AddRange(used.Select(c => s.Lines.Any(l => Column(l.Charge) == c) ? Money(s.Lines.Where(l => Column(l.Charge) == c).Sum(l => l.Amount)) : string.Empty));
            cells.Add(Money(s.Total));
            table.AddRow(cells.ToArray());
        }

        if (shown.Count < statements.Count)
        {
            var more = new List<string> { $"[dim]… {statements.Count - shown.Count:N0} more (settlement.csv)[/]" };
            more.AddRange(Enumerable.Repeat(string.Empty, used.Count + 1));
            table.AddRow(more.ToArray());
        }

        var total = new List<string> { "[bold]Total[/]" };
        total.AddRange(used.Select(c => Money(charges.Where(t => Column(t.Charge) == c).Sum(t => t.Amount))));
        total.Add($"[bold]{Money(statements.Sum(s => s.Total))}[/]");
        table.AddRow(total.ToArray());
        return table;
    }

    /// <summary><c>--losses none|marginal</c> (shared with the other clearing verbs).</summary>
    internal static LossModel ParseLosses(string text) => text switch
    {
        "none" => LossModel.None,
        "marginal" => LossModel.Marginal,
        _ => throw new InvalidInputException("--losses", null, $"'{text}' is not 'none' or 'marginal'"),
    };

    internal static PriceReference ParseReference(string text) => text switch
    {
        "case" => PriceReference.CaseReference,
        "load" => PriceReference.LoadWeighted,
        _ when int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var bus) => new PriceReference.SingleBus(bus),
        _ => throw new InvalidInputException("--reference", null, $"'{text}' is not 'case', 'load' or a bus number"),
    };

    /// <param name="writeSeconds">Writing the output folder, seconds (shown beside the other stages).</param>
    private static void Print(DayAheadRun run, TextWriter writer, double writeSeconds)
    {
        if (run.Intervals.Count > 1)
        {
            PrintIntervals(run, writer, writeSeconds);
            return;
        }

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
        Row("Shift-factor library", TopologyVersion.Of(run.Network));
        if (r.Losses is { } l)
        {
            Row("Losses, MW (iterations)", $"{l.LossMw:N3} ({l.Iterations}{(l.Converged ? string.Empty : ", not converged")})");
        }

        Row("Binding constraints", r.Constraints.Count(c => c.Kind != ConstraintKind.Balance).ToString(CultureInfo.InvariantCulture));
        if (run.Intervals[0].Redispatch is { } redispatch)
        {
            Row("Operator's redispatch, $ (full-network constraints binding)", $"{redispatch.Cost.ToString("N2", CultureInfo.InvariantCulture)} ({redispatch.Full.Constraints.Count(c => c.Kind != ConstraintKind.Balance)})");
        }
        Row("Rounds (constraints added)", $"{r.Rounds} ({r.ConstraintsAdded.Values.Sum()})");
        Row("Time: read, model, clear, write (s)", $"{run.ReadSeconds:0.000}, {run.ModelSeconds:0.000}, {r.Timings.Total:0.000}, {writeSeconds:0.000}");
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

        if (run.Intervals[0].NomogramCharges is { Count: > 0 } charges)
        {
            // 002: who pays for bringing power across each binding nomogram, and who is paid for counterflow.
            var t = new Table().Title("Nomogram usage charges by participant, $ (< 0 paid by it, > 0 counterflow paid to it; nomogram_charges.csv)");
            t.AddColumn("Nomogram");
            t.AddColumn("Participant");
            t.AddColumn(new TableColumn("Contribution, MW").RightAligned());
            t.AddColumn(new TableColumn("Amount").RightAligned());
            foreach (var g in charges.GroupBy(c => (c.Nomogram, c.Participant)).Where(g => g.Any(c => c.Amount != 0)))
            {
                t.AddRow(Markup.Escape(g.Key.Nomogram), Markup.Escape(g.Key.Participant), g.Sum(c => c.ContributionMw).ToString("N2", CultureInfo.InvariantCulture), g.Sum(c => c.Amount).ToString("N2", CultureInfo.InvariantCulture));
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

            // The statements statements.txt was written from (one interval: its lines), not built again.
            console.Write(StatementTable(run.Statements, DayAheadStatementTitle));
        }

        foreach (var note in r.Notes)
        {
            console.MarkupLine($"[yellow]note:[/] {Markup.Escape(note)}");
        }
    }

    /// <summary>A run of several intervals: the day's totals, one row per interval (up to 48), the day's statements.</summary>
    private static void PrintIntervals(DayAheadRun run, TextWriter writer, double writeSeconds)
    {
        var console = Consoles.For(writer);
        var results = run.Intervals.Select(i => i.Result).ToList();
        var table = new Table().Title($"[bold]Day-ahead market[/] — {Markup.Escape(run.Network.Name)}, {results.Count} intervals of {run.IntervalMinutes:0.##} min");
        table.AddColumn("Result");
        table.AddColumn(new TableColumn("Value").RightAligned());
        void Row(string label, string value) => table.AddRow(Markup.Escape(label), Markup.Escape(value));
        Row("Status", results.Any(r => r.Status == ClearingStatus.Relaxed) ? $"relaxed in {results.Count(r => r.Status == ClearingStatus.Relaxed)} interval(s)" : "optimal");
        Row("As-bid cost over the run, $", results.Sum(r => r.Objective * run.Hours).ToString("N2", CultureInfo.InvariantCulture));
        Row("LMP range, $/MWh", $"{results.Min(r => r.Prices.Min(p => p.Lmp)):N2} … {results.Max(r => r.Prices.Max(p => p.Lmp)):N2}");
        Row("Energy reference", results[0].Reference);
        Row("Shift-factor library", TopologyVersion.Of(run.Network));
        Row("Time: read, model, clear and settle all, write (s)", $"{run.ReadSeconds:0.000}, {run.ModelSeconds:0.000}, {run.ClearSeconds:0.000}, {writeSeconds:0.000}");
        Row("Clear per interval: first, mean of the rest (s)", $"{results[0].Timings.Total:0.0000}, {results.Skip(1).Average(r => r.Timings.Total):0.0000}");
        console.Write(table);

        if (results.Count <= 48)
        {
            var t = new Table().Title("Intervals");
            t.AddColumn(new TableColumn("Interval").RightAligned());
            t.AddColumn("Status");
            t.AddColumn(new TableColumn("As-bid cost, $/h").RightAligned());
            t.AddColumn(new TableColumn("LMP min").RightAligned());
            t.AddColumn(new TableColumn("LMP max").RightAligned());
            t.AddColumn(new TableColumn("Binding").RightAligned());
            for (var k = 0; k < results.Count; k++)
            {
                var r = results[k];
                t.AddRow(
                    (k + 1).ToString(CultureInfo.InvariantCulture),
                    r.Status == ClearingStatus.Optimal ? "optimal" : "relaxed",
                    r.Objective.ToString("N2", CultureInfo.InvariantCulture),
                    r.Prices.Min(p => p.Lmp).ToString("N2", CultureInfo.InvariantCulture),
                    r.Prices.Max(p => p.Lmp).ToString("N2", CultureInfo.InvariantCulture),
                    r.Constraints.Count(c => c.Kind != ConstraintKind.Balance).ToString(CultureInfo.InvariantCulture));
            }

            console.Write(t);
        }

        if (run.Intervals[0].Settlement is not null)
        {
            console.Write(StatementTable(run.Statements, $"Day-ahead settlement by participant over {results.Count} intervals, $ (> 0 paid to it, < 0 paid by it)"));
        }

        foreach (var note in results.SelectMany(r => r.Notes).Distinct(StringComparer.Ordinal))
        {
            console.MarkupLine($"[yellow]note:[/] {Markup.Escape(note)}");
        }
    }
}
