using System.Text;
using System.Text.Json;
using Gridclear.Ftr;
using static Gridclear.IO.Results.CsvText;

namespace Gridclear.IO.Ftr;

/// <summary>
/// Writes an FTR auction's results: <c>awards.csv</c> (one row per bid, mw awarded and the clearing price per MW),
/// <c>prices.csv</c> (nodal auction prices), <c>constraints.csv</c> (binding, with shadow prices),
/// <c>holdings.csv</c> (the FTRs held after the auction, in ftrs.csv format: the next auction's outstanding set),
/// <c>arr_payments.csv</c> when ARRs were given, and <c>summary.json</c>.
/// </summary>
public static class FtrAuctionWriter
{
    public static void Write(
        string directory,
        Network.Network network,
        FtrAuctionResult result,
        IReadOnlyList<OutstandingFtr> outstanding,
        ArrDistribution? arrs,
        IReadOnlyDictionary<string, object?>? extraSummary = null)
    {
        Directory.CreateDirectory(directory);
        WriteFile(
            Path.Combine(directory, "awards.csv"),
            "bid,bidder,source,sink,kind,side,mw,price,bid_mw,bid_price,amount,term_start,term_end",
            result.Awards.Select(a =>
                $"{Text(a.Bid.Id)},{Text(a.Bid.Bidder)},{Text(a.Bid.Path.SourceText)},{Text(a.Bid.Path.SinkText)},{FtrFileReader.Text(a.Bid.Path, a.Bid.Kind)},{(a.Bid.Side == FtrSide.Buy ? "buy" : "sell")},{Number(a.AwardedMw)},{Number(a.ClearingPrice)},{Number(a.Bid.Mw)},{Number(a.Bid.Price)},{Money(a.Amount)},{Term(a.Bid.Term)}"));
        WriteFile(
            Path.Combine(directory, "prices.csv"),
            "bus,price",
            Enumerable.Range(0, network.BusCount).Select(b => $"{network.BusIds[b]},{Number(result.BusPrices[b])}"));
        WriteFile(
            Path.Combine(directory, "constraints.csv"),
            "constraint,kind,contingency,direction,flow,limit,shadow_price",
            result.Binding.Select(c =>
                $"{Text(c.Name.Name)},{c.Name.Kind},{Text(c.Name.Contingency)},{(c.Direction > 0 ? "upper" : "lower")},{Number(c.Load)},{Number(c.Limit)},{Number(c.ShadowPrice)}"));
        WriteFile(
            Path.Combine(directory, "holdings.csv"),
            "ftr,holder,source,sink,mw,kind,term_start,term_end,settle_at",
            result.Holdings(outstanding).Select(f =>
                $"{Text(f.Id)},{Text(f.Holder)},{Text(f.Path.SourceText)},{Text(f.Path.SinkText)},{Number(f.Mw)},{FtrFileReader.Text(f.Path, f.Kind)},{Term(f.Term)},{FtrFileReader.Text(f.SettleAt)}"));
        if (arrs is not null)
        {
            WriteFile(
                Path.Combine(directory, "arr_payments.csv"),
                "arr,holder,mw,value,amount,target",
                arrs.Payments.Select(p => $"{Text(p.Arr)},{Text(p.Holder)},{Number(p.Mw)},{Number(p.ValuePerMw)},{Money(p.Amount)},{Money(p.Target)}"));
        }

        File.WriteAllText(Path.Combine(directory, "summary.json"), Summary(result, arrs, extraSummary), new UTF8Encoding(false));
    }

    /// <summary><c>term_start,term_end</c> fields: the dates, or two empty fields without a term.</summary>
    internal static string Term(FtrTerm? term) => term is null ? "," : $"{FtrTerm.Text(term.Start)},{FtrTerm.Text(term.End)}";

    public static string Summary(FtrAuctionResult result, ArrDistribution? arrs, IReadOnlyDictionary<string, object?>? extra)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("status", "optimal");
            json.WriteNumber("revenue", result.Revenue);
            json.WriteNumber("value", Math.Round(result.Value, 6));
            json.WriteNumber("awarded_mw", Math.Round(result.AwardedBuyMw, 6));
            json.WriteNumber("sold_mw", Math.Round(result.AwardedSellMw, 6));
            json.WriteNumber("bids", result.Awards.Count);
            json.WriteNumber("bids_awarded", result.Awards.Count(a => a.AwardedMw > 0));
            json.WriteNumber("bids_partly_awarded", result.Awards.Count(a => a.AwardedMw > 0 && a.AwardedMw < a.Bid.Mw));
            json.WriteNumber("bids_rejected", result.Awards.Count(a => a.AwardedMw == 0));
            json.WriteNumber("binding_constraints", result.Binding.Count);
            json.WriteNumber("rounds", result.Rounds);
            json.WriteNumber("constraints_added_total", result.RowsAdded);
            if (arrs is not null)
            {
                json.WriteStartObject("arrs");
                json.WriteNumber("count", arrs.Payments.Count);
                json.WriteNumber("paid", arrs.Payments.Sum(p => p.Amount));
                json.WriteNumber("operator_remainder", arrs.Remainder);
                json.WriteNumber("revenue", arrs.Revenue);
                json.WriteNumber("positive_targets", arrs.PositiveTargets);
                json.WriteNumber("charges", arrs.Charges);
                json.WriteNumber("funding_ratio", Math.Round(arrs.FundingRatio, 6));
                json.WriteNumber("shortfall", arrs.Shortfall);
                json.WriteBoolean("adequate", arrs.Shortfall == 0);
                json.WriteEndObject();
            }

            foreach (var (key, value) in extra ?? new Dictionary<string, object?>())
            {
                json.WritePropertyName(key);
                Output.JsonValues.Write(json, value);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
