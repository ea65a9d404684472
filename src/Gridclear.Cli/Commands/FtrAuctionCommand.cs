using System.CommandLine;
using System.Globalization;
using Gridclear.Cli.Runs;
using Gridclear.Ftr;
using Gridclear.IO.Ftr;
using Gridclear.IO.Output;
using Spectre.Console;

namespace Gridclear.Cli.Commands;

/// <summary><c>./gridclear ftr-auction --case NETWORK.m [--market DIR] --bids FILE --out OUT</c>: a simultaneous-feasibility FTR auction.</summary>
internal static class FtrAuctionCommand
{
    public static Command Create(TextWriter? output = null)
    {
        var casePath = new Option<string>("--case") { Description = "The network: a MATPOWER or PGLib-OPF case file (.m), the same as the day-ahead market's.", Required = true };
        var market = new Option<string?>("--market") { Description = "A market folder: hubs, zones, interfaces, nomograms, contingencies, outstanding ftrs.csv, arrs.csv." };
        var bids = new Option<string>("--bids") { Description = "Bids and offers: bid,bidder,source,sink,kind,side,mw,price (kind obligation|option, side buy|sell, $/MW for the term).", Required = true };
        var arrs = new Option<string?>("--arrs") { Description = "Auction revenue rights arr,holder,source,sink,mw (default: arrs.csv in the market folder)." };
        var release = new Option<double>("--release")
        {
            Description = "Share of transfer capability released to this auction, in (0, 1].",
            DefaultValueFactory = _ => 1.0,
        };
        var termStart = new Option<string?>("--term-start") { Description = "First day (yyyy-mm-dd) of the period the auction sells (annual, seasonal, monthly; at most a year): only outstanding FTRs in force during it count, bids without a term take it. With --term-end." };
        var termEnd = new Option<string?>("--term-end") { Description = "Last day (yyyy-mm-dd, included) of the auction's period. With --term-start." };
        var outDir = new Option<string>("--out") { Description = "Folder for awards.csv, prices.csv, constraints.csv, holdings.csv, arr_payments.csv, summary.json.", Required = true };
        var command = new Command("ftr-auction", "Run an FTR auction: award the bids and offers of most value that keep outstanding plus awarded FTRs simultaneously feasible.");
        command.Options.Add(casePath);
        command.Options.Add(market);
        command.Options.Add(bids);
        command.Options.Add(arrs);
        command.Options.Add(release);
        command.Options.Add(termStart);
        command.Options.Add(termEnd);
        command.Options.Add(outDir);
        command.SetAction(parse =>
        {
            var share = parse.GetValue(release);
            if (!(share > 0 && share <= 1))
            {
                throw new InvalidInputException("--release", null, $"{share.ToString(CultureInfo.InvariantCulture)} is not in (0, 1]");
            }

            var period = Period(parse.GetValue(termStart), parse.GetValue(termEnd));
            var owners = OwnersFileReader.Read(parse.GetValue(market));
            using var folder = OutputFolder.Open(parse.GetValue(outDir)!);
            var run = FtrAuctionRun.Execute(parse.GetValue(casePath)!, parse.GetValue(market), parse.GetValue(bids)!, parse.GetValue(arrs), new FtrAuctionOptions(ReleaseShare: share, Trace: Environment.GetEnvironmentVariable("GRIDCLEAR_TRACE") == "1" ? line => Console.Error.WriteLine(line) : null), period);
            FtrAuctionWriter.Write(folder.Path, run.Network, run.Result, run.Outstanding, run.Arrs, new Dictionary<string, object?>
            {
                ["release_share"] = share,
                ["term_start"] = period is null ? null : FtrTerm.Text(period.Start),
                ["term_end"] = period is null ? null : FtrTerm.Text(period.End),
                ["outstanding_ftrs"] = run.InForce.Count,
                ["outstanding_not_in_force"] = run.Outstanding.Count - run.InForce.Count,
                ["notes"] = run.Notes,
                ["security_constraints"] = run.ConstraintCount,
                ["value_dual_bound"] = Math.Round(run.Result.DualBound, 2),
                ["library_version"] = Flows.TopologyVersion.Of(run.Network),
                ["seconds"] = new Dictionary<string, double> { ["read"] = Math.Round(run.ReadSeconds, 3), ["model"] = Math.Round(run.ModelSeconds, 3), ["clear"] = Math.Round(run.ClearSeconds, 3) },
            });
            if (owners.Count > 0)
            {
                // M4, F5: ARR holders are credited their ARR payments, the owners the revenue not paid to ARR holders.
                OwnersFileReader.WriteCredits(folder.Path, AccessChargeCredit.OfFtrAuction(run.Result.Revenue, run.Arrs, owners));
            }

            folder.Commit();
            Print(run, output ?? Console.Out);
            return CommandRunner.Success;
        });
        return command;
    }

    /// <summary>The auction's period from --term-start and --term-end: both or neither.</summary>
    internal static FtrTerm? Period(string? start, string? end)
    {
        if (start is null && end is null)
        {
            return null;
        }

        if (start is null || end is null)
        {
            throw new InvalidInputException(start is null ? "--term-start" : "--term-end", null, "an auction's period needs both --term-start and --term-end");
        }

        var from = FtrTerm.TryParseDay(start, out var a) ? a : throw new InvalidInputException("--term-start", null, $"'{start}' is not a date yyyy-mm-dd");
        var to = FtrTerm.TryParseDay(end, out var b) ? b : throw new InvalidInputException("--term-end", null, $"'{end}' is not a date yyyy-mm-dd");
        try
        {
            return new FtrTerm(from, to);
        }
        catch (ArgumentException e)
        {
            throw new InvalidInputException("--term-end", null, e.Message);
        }
    }

    private static void Print(FtrAuctionRun run, TextWriter writer)
    {
        var console = Consoles.For(writer);
        var r = run.Result;
        var table = new Table().Title($"[bold]FTR auction[/] — {Markup.Escape(run.Network.Name)}");
        table.AddColumn("Result");
        table.AddColumn(new TableColumn("Value").RightAligned());
        void Row(string label, string value) => table.AddRow(Markup.Escape(label), Markup.Escape(value));
        Row("Bids (awarded / rejected)", $"{r.Awards.Count} ({r.Awards.Count(a => a.AwardedMw > 0)} / {r.Awards.Count(a => a.AwardedMw == 0)})");
        Row("Awarded MW (bought, sold)", $"{r.AwardedBuyMw:N1}, {r.AwardedSellMw:N1}");
        Row("Revenue, $", r.Revenue.ToString("N2", CultureInfo.InvariantCulture));
        Row("Value of awards, $", r.Value.ToString("N2", CultureInfo.InvariantCulture));
        Row("Binding constraints", r.Binding.Count.ToString(CultureInfo.InvariantCulture));
        Row("Rounds (rows added)", $"{r.Rounds} ({r.RowsAdded})");
        if (run.Arrs is { } arrs)
        {
            Row("ARR payments, $", arrs.Payments.Sum(p => p.Amount).ToString("N2", CultureInfo.InvariantCulture));
            Row("Operator remainder, $", arrs.Remainder.ToString("N2", CultureInfo.InvariantCulture));
        }

        Row("Shift-factor library", Flows.TopologyVersion.Of(run.Network));
        Row("Time: read, model, clear (s)", $"{run.ReadSeconds:0.000}, {run.ModelSeconds:0.000}, {run.ClearSeconds:0.000}");
        console.Write(table);
        foreach (var note in run.Notes)
        {
            console.MarkupLine($"[yellow]note:[/] {Markup.Escape(note)}");
        }
    }
}
