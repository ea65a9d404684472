using Gridclear.Designs.FlowPaths;
using Gridclear.Ftr;
using Gridclear.IO.Csv;
using static Gridclear.IO.Results.CsvText;

namespace Gridclear.IO.FlowPaths;

/// <summary>
/// The files of the operator's release of rights (001 C, P8): <c>release_rights.csv</c> (ftrs.csv format: the rights
/// the operator holds for the term, to append to the auction's ftrs.csv), <c>release_offers.csv</c> (bids format: its
/// sell offers of them, to append to the auction's bids), and the revenue the auction raised from them, read back from
/// the auction's <c>awards.csv</c>.
/// </summary>
public static class RightsReleaseFiles
{
    public const string RightsFile = "release_rights.csv";

    public const string OffersFile = "release_offers.csv";

    public static void Write(string directory, IReadOnlyList<ReleasedRight> released, double reservePrice)
    {
        WriteFile(
            Path.Combine(directory, RightsFile),
            "ftr,holder,source,sink,mw,kind,term_start,term_end,settle_at",
            released.Select(r => $"{Text(r.Id)},{ContractTranslation.Operator},{Text(r.Path)},,{Number(r.Mw)},flowgate,{FtrTerm.Text(r.Term.Start)},{FtrTerm.Text(r.Term.End)},bus"));
        WriteFile(
            Path.Combine(directory, OffersFile),
            "bid,bidder,source,sink,kind,side,mw,price,term_start,term_end",
            released.Select(r => $"{Text(r.Id)},{ContractTranslation.Operator},{Text(r.Path)},,flowgate,sell,{Number(r.Mw)},{Number(reservePrice)},{FtrTerm.Text(r.Term.Start)},{FtrTerm.Text(r.Term.End)}"));
    }

    /// <summary>The operator's sales of flowgate rights in an FTR auction's output folder: each sale's amount ($) and
    /// the days of its term (1 for a sale without one).</summary>
    public static IReadOnlyList<(decimal Amount, int Days)> Sales(string auctionDirectory)
    {
        var file = Path.Combine(auctionDirectory, "awards.csv");
        if (!File.Exists(file))
        {
            throw new InvalidInputException(file, null, "no awards.csv: --release-revenue must name the output folder of an ftr-auction run");
        }

        string[] required = ["bidder", "kind", "side", "amount"];
        var header = File.ReadLines(file).FirstOrDefault() ?? string.Empty;
        var table = CsvTable.Read(file, required, [.. header.Split(',').Select(c => c.Trim()).Where(c => c.Length > 0 && !required.Contains(c, StringComparer.OrdinalIgnoreCase))]);
        var sales = new List<(decimal, int)>();
        foreach (var row in table.Rows)
        {
            if (table.GetString(row, "bidder") != ContractTranslation.Operator || table.GetString(row, "side") != "sell" || table.GetString(row, "kind") != "flowgate")
            {
                continue;
            }

            var amount = (decimal)table.GetDouble(row, "amount");
            var start = table.Has("term_start") ? table.GetOptionalString(row, "term_start") : null;
            var end = table.Has("term_end") ? table.GetOptionalString(row, "term_end") : null;
            var days = 1;
            if (start is not null && end is not null)
            {
                if (!FtrTerm.TryParseDay(start, out var from) || !FtrTerm.TryParseDay(end, out var to) || to < from)
                {
                    throw table.Error(row, $"term {start}..{end} is not a term of days");
                }

                days = to.DayNumber - from.DayNumber + 1;
            }

            sales.Add((amount, days));
        }

        return sales;
    }
}
