using System.CommandLine;
using System.Globalization;
using Gridclear.Cli.Runs;
using Gridclear.Designs.FlowPaths;
using Gridclear.IO.FlowPaths;
using Gridclear.IO.Output;
using Spectre.Console;

namespace Gridclear.Cli.Commands;

/// <summary>
/// <c>./gridclear path-rights --case N.m --market DIR --out OUT [--prices DA_OUT]</c>: the flow-path rights model
/// (001): each balanced schedule's rights on each flow path, its thresholds and class, what its participant's
/// holdings cover, the schedules rejected, and with a day-ahead run's prices the allocation of the operator's
/// congestion costs.
/// </summary>
internal static class PathRightsCommand
{
    public static Command Create(TextWriter? output = null)
    {
        var casePath = new Option<string>("--case") { Description = "The network: a MATPOWER case file (.m).", Required = true };
        var market = new Option<string>("--market") { Description = "A market folder with schedules.csv, flowpaths.csv, thresholds.csv (zones.csv, path_rights.csv, contracts.csv optional).", Required = true };
        var prices = new Option<string?>("--prices") { Description = "The output folder of a day-ahead run that monitored the paths as interfaces: prices the operator's procurement and costs, writes path_settlement.csv." };
        var outDir = new Option<string>("--out") { Description = "Folder for path_requirements.csv, rejected_schedules.csv, procurement.csv, contract_rights.csv, path_settlement.csv, summary.json.", Required = true };
        var release = new Option<string?>("--release") { Description = "Release the rights the operator holds below forgiveness for converted contracts (P8): 'annual', 'monthly', 'weekly' or 'daily'; writes release_rights.csv (append to the auction's ftrs.csv) and release_offers.csv (append to its bids)." };
        var releaseStart = new Option<string?>("--release-start") { Description = "The first day of the released term (yyyy-mm-dd); required with --release." };
        var reservePrice = new Option<double>("--release-price") { Description = "The operator's reserve price for released rights, $/MW for the term (default 0).", DefaultValueFactory = _ => 0 };
        var releaseRevenue = new Option<string?>("--release-revenue") { Description = "An ftr-auction output folder: the operator's sales of released rights there offset the congestion costs of --prices (their share of the term by the run's hours)." };
        var suggest = new Option<string[]>("--suggest") { Description = "Output folders of day-ahead runs: rank branches and interfaces by their congestion rent, say which should be flow paths (P1) and which zones should be split (N6); writes suggestions.csv, zone_congestion.csv (flowpaths.csv and thresholds.csv are then optional).", AllowMultipleArgumentsPerToken = true };
        var significance = new Option<double>("--significance") { Description = "With --suggest: the share of the total congestion rent, in percent, from which congestion is commercially significant (default 10).", DefaultValueFactory = _ => 10 };
        var command = new Command("path-rights", "Flow-path rights (001): the rights each balanced schedule needs on each flow path, thresholds, classes, coverage, and the operator's cost allocation.");
        command.Options.Add(casePath);
        command.Options.Add(market);
        command.Options.Add(prices);
        command.Options.Add(outDir);
        command.Options.Add(release);
        command.Options.Add(releaseStart);
        command.Options.Add(reservePrice);
        command.Options.Add(releaseRevenue);
        command.Options.Add(suggest);
        command.Options.Add(significance);
        command.SetAction(parse =>
        {
            if (parse.GetValue(suggest) is { Length: > 0 } runs)
            {
                return Suggest(parse.GetValue(casePath)!, parse.GetValue(market)!, runs, parse.GetValue(significance), parse.GetValue(outDir)!, output ?? Console.Out);
            }

            (ReleasePeriod, DateOnly)? released = null;
            if (parse.GetValue(release) is { } period)
            {
                var p = period switch
                {
                    "annual" => ReleasePeriod.Annual,
                    "monthly" => ReleasePeriod.Monthly,
                    "weekly" => ReleasePeriod.Weekly,
                    "daily" => ReleasePeriod.Daily,
                    _ => throw new InvalidInputException("--release", null, $"'{period}' is not 'annual', 'monthly', 'weekly' or 'daily'"),
                };
                var start = parse.GetValue(releaseStart) is { } text
                    ? Ftr.FtrTerm.TryParseDay(text, out var d) ? d : throw new InvalidInputException("--release-start", null, $"'{text}' is not a date yyyy-mm-dd")
                    : throw new InvalidInputException("--release-start", null, "--release needs --release-start (the first day of the term)");
                released = (p, start);
            }
            else if (parse.GetValue(releaseStart) is not null)
            {
                throw new InvalidInputException("--release-start", null, "given without --release");
            }

            var price = parse.GetValue(reservePrice);
            if (!double.IsFinite(price) || Math.Abs(price) > IO.Ftr.FtrFileReader.MaxPricePerMw)
            {
                throw new InvalidInputException("--release-price", null, $"{price.ToString(CultureInfo.InvariantCulture)} $/MW is not a price");
            }

            using var folder = OutputFolder.Open(parse.GetValue(outDir)!);
            var run = PathRightsRun.Execute(parse.GetValue(casePath)!, parse.GetValue(market)!, parse.GetValue(prices), released, parse.GetValue(releaseRevenue));
            var dir = folder.Path;
            var watch = System.Diagnostics.Stopwatch.StartNew();
            PathRightsWriter.WriteRequirements(dir, run.Requirements);
            PathRightsWriter.WriteProcurement(dir, run.Requirements, run.Prices);
            if (run.ContractRights.Count > 0)
            {
                PathRightsWriter.WriteContractRights(dir, run.ContractRights);
            }

            if (run.Settlement is { } settlement)
            {
                PathRightsWriter.WriteSettlement(dir, settlement);
                PathRightsWriter.WritePathCosts(dir, settlement, run.Paths);
            }

            if (released is not null)
            {
                RightsReleaseFiles.Write(dir, run.Released, price);
            }

            PathRightsWriter.WriteSummary(dir, Summary(run));
            folder.Commit();
            var writeSeconds = watch.Elapsed.TotalSeconds;
            Print(run, output ?? Console.Out);
            (output ?? Console.Out).WriteLine(string.Create(CultureInfo.InvariantCulture, $"seconds: read {run.ReadSeconds:0.000}, factors {run.FactorSeconds:0.000}, assess {run.AssessSeconds:0.000}, write {writeSeconds:0.000}"));
            return CommandRunner.Success;
        });
        return command;
    }

    private static int Suggest(string casePath, string market, string[] runs, double significance, string outDir, TextWriter writer)
    {
        if (!double.IsFinite(significance) || significance <= 0 || significance > 100)
        {
            throw new InvalidInputException("--significance", null, $"{significance.ToString(CultureInfo.InvariantCulture)} is not a percentage in (0, 100]");
        }

        using var folder = OutputFolder.Open(outDir);
        var run = PathSuggestionRun.Execute(casePath, market, runs, significance / 100);
        CongestionRents.Write(folder.Path, run.Elements, run.Zones);
        PathRightsWriter.WriteSummary(folder.Path, new Dictionary<string, object?>
        {
            ["runs"] = run.Runs,
            ["significance_percent"] = significance,
            ["total_rent"] = Math.Round(run.TotalRent, 2),
            ["elements"] = run.Elements.Count,
            ["significant"] = run.Elements.Where(e => e.Suggestion != "not significant").Select(e => new Dictionary<string, object?> { ["element"] = e.Element, ["kind"] = e.Kind, ["share"] = Math.Round(e.Share, 6), ["suggestion"] = e.Suggestion }).ToList(),
            ["zones_to_split"] = run.Zones.Where(z => z.Significant).Select(z => z.Zone).ToList(),
        });
        folder.Commit();

        var console = Consoles.For(writer);
        var table = new Table().Title(string.Create(CultureInfo.InvariantCulture, $"Congestion rent over {run.Runs} run(s): {run.TotalRent:N2} $ (significant from {significance:0.##} %)"));
        foreach (var c in new[] { "#", "Element", "Kind", "Scope", "Zone", "Rent, $", "Share", "Suggestion" })
        {
            table.AddColumn(c);
        }

        foreach (var e in run.Elements.Take(20))
        {
            table.AddRow(
                e.Rank.ToString(CultureInfo.InvariantCulture), Markup.Escape(e.Element), e.Kind, e.Scope, Markup.Escape(e.Zone ?? string.Empty),
                e.Rent.ToString("N2", CultureInfo.InvariantCulture), e.Share.ToString("P1", CultureInfo.InvariantCulture), Markup.Escape(e.Suggestion));
        }

        console.Write(table);
        foreach (var z in run.Zones)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"zone {z.Zone}: internal congestion {z.Rent:N2} $ ({z.Share:P1} of the rent){(z.Significant ? ": commercially significant, split the zone or create a flow path inside it (N6)" : string.Empty)}"));
        }

        return CommandRunner.Success;
    }

    private static Dictionary<string, object?> Summary(PathRightsRun run)
    {
        var rows = run.Requirements.Rows;
        var summary = new Dictionary<string, object?>
        {
            ["paths"] = run.Paths.Count,
            ["schedules_assessed"] = rows.Select(r => r.Schedule).Distinct().Count(),
            ["schedules_rejected"] = run.Requirements.Rejected.Count,
            ["schedules_skipped"] = run.Requirements.Skipped.Count,
            ["thresholds"] = new Dictionary<string, double> { ["W"] = run.Thresholds.W, ["X"] = run.Thresholds.X, ["Y"] = run.Thresholds.Y, ["Z"] = run.Thresholds.Z },
            ["rows_by_class"] = Enum.GetValues<ScheduleClass>().ToDictionary(PathRightsWriter.ClassName, c => rows.Count(r => r.Class == c)),
            ["uncovered_between_mw"] = rows.Where(r => r.Class == ScheduleClass.Between && !run.Requirements.IsRejected(r.Schedule)).Sum(r => r.UncoveredMw),
            ["contracts_converted"] = run.ContractRights.Select(r => r.Contract).Distinct().Count(),
            ["rights_released"] = run.Released.Select(r => new Dictionary<string, object> { ["id"] = r.Id, ["path"] = r.Path, ["mw"] = r.Mw, ["term_start"] = Ftr.FtrTerm.Text(r.Term.Start), ["term_end"] = Ftr.FtrTerm.Text(r.Term.End) }).ToList(),
            ["notes"] = run.Notes,
            ["seconds"] = new Dictionary<string, double> { ["read"] = Math.Round(run.ReadSeconds, 3), ["factors"] = Math.Round(run.FactorSeconds, 3), ["assess"] = Math.Round(run.AssessSeconds, 3) },
        };
        if (run.Settlement is { } s)
        {
            summary["settlement"] = new Dictionary<string, object>
            {
                ["inter_zonal_cost"] = s.InterZonalCost,
                ["direct_charges"] = s.DirectCharges,
                ["release_revenue"] = s.ReleaseRevenue,
                ["intra_zonal_cost"] = s.IntraZonalCost,
                ["schedule_mwh"] = s.ScheduleMwh,
                ["credited_mwh"] = s.CreditedMwh,
                ["inter_zonal_rate"] = s.InterZonalRate,
                ["intra_zonal_rate"] = s.IntraZonalRate,
                ["sum"] = s.Lines.Sum(l => l.Amount),
            };
        }

        return summary;
    }

    private static void Print(PathRightsRun run, TextWriter writer)
    {
        var console = Consoles.For(writer);
        var table = new Table().Title($"[bold]Flow-path rights[/] — {Markup.Escape(run.Network.Name)}, {run.Paths.Count} path(s)");
        table.AddColumn("Path");
        foreach (var c in Enum.GetValues<ScheduleClass>())
        {
            table.AddColumn(new TableColumn(PathRightsWriter.ClassName(c)).RightAligned());
        }

        table.AddColumn(new TableColumn("uncovered between MW").RightAligned());
        foreach (var p in run.Paths)
        {
            var rows = run.Requirements.Rows.Where(r => r.Path == p.Id).ToList();
            var cells = new List<string> { Markup.Escape(p.Id) };
            cells.AddRange(Enum.GetValues<ScheduleClass>().Select(c => rows.Count(r => r.Class == c).ToString(CultureInfo.InvariantCulture)));
            cells.Add(rows.Where(r => r.Class == ScheduleClass.Between && !run.Requirements.IsRejected(r.Schedule)).Sum(r => r.UncoveredMw).ToString("N1", CultureInfo.InvariantCulture));
            table.AddRow(cells.ToArray());
        }

        console.Write(table);
        foreach (var r in run.Requirements.Rejected)
        {
            writer.WriteLine($"rejected {r.Schedule} ({r.Participant}): {r.Reason}");
        }

        if (run.Settlement is { } s)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"congestion costs: inter-zonal {s.InterZonalCost:N2} (direct {s.DirectCharges:N2}), intra-zonal {s.IntraZonalCost:N2}; uplift {s.InterZonalRate:0.####} + {s.IntraZonalRate:0.####} $/MWh over {s.ScheduleMwh:N1} MWh; sum {s.Lines.Sum(l => l.Amount):N2}"));
        }

        foreach (var note in run.Notes)
        {
            writer.WriteLine("note: " + note);
        }
    }
}
