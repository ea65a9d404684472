using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Gridclear.Designs.Px;
using Gridclear.IO.Output;
using Gridclear.IO.Px;
using Gridclear.IO.Results;
using Spectre.Console;

namespace Gridclear.Cli.Commands;

/// <summary>
/// <c>./gridclear ftr-funding --before OUT1 --after OUT2 [--out DIR]</c>: the funding of one FTR set on two topologies
/// and the two treatments of the shortfall side by side (F7; README "FTR funding across topology changes").
/// </summary>
internal static class FtrFundingCommand
{
    public const string LinesFile = "ftr_funding.csv";
    public const string LinesHeader = "ftr,holder,mw,target_before,paid_before,target_after,paid_after,account_paid,exposed_loss,cover_mw";
    public const string AccountFile = "balancing_account.csv";
    public const string AccountHeader = "participant,load_mwh,amount";

    public static Command Create(TextWriter? output = null)
    {
        var before = new Option<string>("--before") { Description = "A day-ahead output folder (clear --out) whose market settled FTRs: the topology they were auctioned on.", Required = true };
        var after = new Option<string>("--after") { Description = "The day-ahead output folder of the same market and FTRs on the changed topology or limits.", Required = true };
        var outDir = new Option<string?>("--out") { Description = "Folder for ftr_funding.csv, balancing_account.csv and summary.json (optional: the comparison is printed either way)." };
        var command = new Command("ftr-funding", "FTR funding on two topologies: the shortfall a change causes, a balancing account making holders whole vs holders exposed.");
        command.Options.Add(before);
        command.Options.Add(after);
        command.Options.Add(outDir);
        command.SetAction(parse =>
        {
            var beforeDir = parse.GetValue(before)!;
            var afterDir = parse.GetValue(after)!;
            var (b, versionBefore, _) = FtrFundingReader.Read(beforeDir);
            var (a, versionAfter, loads) = FtrFundingReader.Read(afterDir);
            var result = FtrFunding.Compare(b, a, loads, beforeDir, afterDir);
            if (parse.GetValue(outDir) is { } dir)
            {
                using var folder = OutputFolder.Open(dir);
                CsvText.WriteFile(Path.Combine(folder.Path, LinesFile), LinesHeader, result.Lines.Select(l =>
                    $"{CsvText.Text(l.Ftr)},{CsvText.Text(l.Holder)},{CsvText.Number(l.Mw)},{CsvText.Money(l.TargetBefore)},{CsvText.Money(l.PaidBefore)},{CsvText.Money(l.TargetAfter)},{CsvText.Money(l.PaidAfter)},{CsvText.Money(l.AccountPaid)},{CsvText.Money(l.ExposedLoss)},{(l.CoverMw is { } c ? CsvText.Number(c) : string.Empty)}"));
                CsvText.WriteFile(Path.Combine(folder.Path, AccountFile), AccountHeader, result.Recovery.Select(r => $"{CsvText.Text(r.Participant)},{CsvText.Number(r.LoadMwh)},{CsvText.Money(r.Amount)}"));
                File.WriteAllText(Path.Combine(folder.Path, "summary.json"), Summary(result, versionBefore, versionAfter), new UTF8Encoding(false));
                folder.Commit();
            }

            Print(result, versionBefore, versionAfter, output ?? Console.Out);
            return CommandRunner.Success;
        });
        return command;
    }

    private static Dictionary<string, object?> Side(FundingSide s, string? version) => new()
    {
        ["library_version"] = version,
        ["congestion_rent"] = s.CongestionRent,
        ["positive_targets"] = s.PositiveTargets,
        ["charges"] = s.Charges,
        ["paid"] = s.Ftrs.Where(f => f.Paid > 0).Sum(f => f.Paid),
        ["funding_ratio"] = Math.Round(s.FundingRatio, 6),
        ["shortfall"] = s.Shortfall,
    };

    private static string Summary(FtrFundingResult r, string? versionBefore, string? versionAfter)
    {
        var summary = new Dictionary<string, object?>
        {
            ["before"] = Side(r.Before, versionBefore),
            ["after"] = Side(r.After, versionAfter),
            ["topology_changed"] = versionBefore != versionAfter,
            ["shortfall_caused"] = r.After.Shortfall - r.Before.Shortfall,
            ["balancing_account"] = new Dictionary<string, object?>
            {
                ["paid_to_holders"] = r.AccountDeficit,
                ["recovered_from_loads"] = -r.Recovery.Sum(c => c.Amount),
                ["holders_paid"] = r.Lines.Sum(l => l.PaidAfter + l.AccountPaid),
            },
            ["holders_exposed"] = new Dictionary<string, object?>
            {
                ["holders_paid"] = r.Lines.Sum(l => l.PaidAfter),
                ["holders_loss"] = r.Lines.Sum(l => l.ExposedLoss),
                ["cover_mw"] = r.Lines.Sum(l => l.CoverMw ?? 0),
            },
        };
        return JsonValues.ToJson(summary, indented: true) + "\n";
    }

    private static void Print(FtrFundingResult r, string? versionBefore, string? versionAfter, TextWriter writer)
    {
        var console = Consoles.For(writer);
        static string M(decimal d) => d.ToString("N2", CultureInfo.InvariantCulture);
        var t = new Table().Title("[bold]FTR funding[/] of one FTR set on two topologies, $");
        t.AddColumn("");
        t.AddColumn(new TableColumn("Before").RightAligned());
        t.AddColumn(new TableColumn("After").RightAligned());
        t.AddRow("Shift-factor library", Markup.Escape(versionBefore ?? "?"), Markup.Escape(versionAfter ?? "?"));
        t.AddRow("Congestion rent", M(r.Before.CongestionRent), M(r.After.CongestionRent));
        t.AddRow("Positive targets", M(r.Before.PositiveTargets), M(r.After.PositiveTargets));
        t.AddRow("Funding ratio", r.Before.FundingRatio.ToString("0.####", CultureInfo.InvariantCulture), r.After.FundingRatio.ToString("0.####", CultureInfo.InvariantCulture));
        t.AddRow("Shortfall", M(r.Before.Shortfall), M(r.After.Shortfall));
        console.Write(t);

        var h = new Table().Title("Two treatments of the shortfall, by FTR, $ (balancing account: holders made whole; exposed: holders bear it)");
        foreach (var c in new[] { "FTR", "Holder", "Paid before", "Target after", "Exposed: paid", "Exposed: loss", "Cover, MW", "Account pays" })
        {
            h.AddColumn(c is "FTR" or "Holder" ? new TableColumn(c) : new TableColumn(c).RightAligned());
        }

        foreach (var l in r.Lines)
        {
            h.AddRow(Markup.Escape(l.Ftr), Markup.Escape(l.Holder), M(l.PaidBefore), M(l.TargetAfter), M(l.PaidAfter), M(l.ExposedLoss), l.CoverMw is { } c ? c.ToString("N2", CultureInfo.InvariantCulture) : "—", M(l.AccountPaid));
        }

        console.Write(h);
        if (r.AccountDeficit > 0)
        {
            var a = new Table().Title($"Balancing account: {M(r.AccountDeficit)} recovered from loads pro rata to MWh");
            a.AddColumn("Participant");
            a.AddColumn(new TableColumn("Load, MWh").RightAligned());
            a.AddColumn(new TableColumn("Charged").RightAligned());
            foreach (var c in r.Recovery)
            {
                a.AddRow(Markup.Escape(c.Participant), c.LoadMwh.ToString("N2", CultureInfo.InvariantCulture), M(c.Amount));
            }

            console.Write(a);
        }
    }
}
