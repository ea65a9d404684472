using System.Text;
using System.Text.Json;
using Gridclear.Ftr;
using Gridclear.IO.Ftr;
using Gridclear.IO.Market;
using Gridclear.Mitigation;
using static Gridclear.IO.Results.CsvText;

namespace Gridclear.IO.Mitigation;

/// <summary>
/// Writes a CFD auction's results: <c>cfds.csv</c> (the awarded instruments in the market folder's cfds.csv format, for
/// <c>clear</c>), <c>awards.csv</c> (every bid), <c>instruments.csv</c> (how each instrument cleared),
/// <c>access_charge_credit.csv</c> (the proceeds by owner share) and <c>summary.json</c>.
/// </summary>
public static class CfdAuctionWriter
{
    public const string AwardedFile = "cfds.csv";

    public static void Write(string directory, CfdAuctionResult result, IReadOnlyList<AccessChargeCreditLine> credits)
    {
        WriteFile(
            Path.Combine(directory, AwardedFile),
            "cfd,holder,counterparty,location,mw,strike,kind,term_start,term_end",
            result.Cfds.Select(c => $"{Text(c.Id)},{Text(c.Holder)},{Text(c.Counterparty)},{Text(c.Location)},{Number(c.Mw)},{Number(c.Strike)},{CfdFileReader.Text(c.Kind)},{Term(c.Start, c.End)}"));
        WriteFile(
            Path.Combine(directory, "awards.csv"),
            "bid,bidder,instrument,mw,price,bid_mw,bid_price,amount",
            result.Awards.Select(a => $"{Text(a.Bid.Id)},{Text(a.Bid.Bidder)},{Text(a.Bid.Instrument)},{Number(a.AwardedMw)},{Number(a.Price)},{Number(a.Bid.Mw)},{Number(a.Bid.Price)},{Money(a.Amount)}"));
        WriteFile(
            Path.Combine(directory, "instruments.csv"),
            "instrument,seller,location,kind,strike,term_start,term_end,mw,reserve_price,sold_mw,sold_out,price,proceeds",
            result.Instruments.Select(i =>
                $"{Text(i.Offer.Instrument)},{Text(i.Offer.Seller)},{Text(i.Offer.Location)},{CfdFileReader.Text(i.Offer.Kind)},{Number(i.Offer.Strike)},{Term(i.Offer.Start, i.Offer.End)},{Number(i.Offer.Mw)},{Number(i.Offer.ReservePrice)},{Number(i.SoldMw)},{(i.SoldOut ? "true" : "false")},{Number(i.Price)},{Money(i.Proceeds)}"));
        OwnersFileReader.WriteCredits(directory, credits);
        File.WriteAllText(Path.Combine(directory, "summary.json"), Summary(result, credits), new UTF8Encoding(false));
    }

    private static string Term(DateOnly? start, DateOnly? end) =>
        start is { } s && end is { } e ? $"{FtrTerm.Text(s)},{FtrTerm.Text(e)}" : ",";

    private static string Summary(CfdAuctionResult result, IReadOnlyList<AccessChargeCreditLine> credits)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("status", "cleared");
            json.WriteNumber("instruments", result.Instruments.Count);
            json.WriteNumber("instruments_sold_out", result.Instruments.Count(i => i.SoldOut));
            json.WriteNumber("offered_mw", Math.Round(result.Instruments.Sum(i => i.Offer.Mw), 6));
            json.WriteNumber("sold_mw", Math.Round(result.Instruments.Sum(i => i.SoldMw), 6));
            json.WriteNumber("bids", result.Awards.Count);
            json.WriteNumber("bids_awarded", result.Awards.Count(a => a.AwardedMw > 0));
            json.WriteNumber("bids_partly_awarded", result.Awards.Count(a => a.AwardedMw > 0 && a.AwardedMw < a.Bid.Mw));
            json.WriteNumber("bids_rejected", result.Awards.Count(a => a.AwardedMw == 0));
            json.WriteNumber("awarded_instruments", result.Cfds.Count);
            json.WriteNumber("proceeds", result.Proceeds);
            json.WriteNumber("credited", credits.Sum(c => c.Amount));
            json.WriteNumber("owners", credits.Count);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
