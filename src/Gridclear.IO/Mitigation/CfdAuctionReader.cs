using System.Globalization;
using Gridclear.IO.Csv;
using Gridclear.IO.Ftr;
using Gridclear.IO.Market;
using Gridclear.Market;
using Gridclear.Mitigation;

namespace Gridclear.IO.Mitigation;

/// <summary>
/// The files of <c>cfd-auction</c> (README "Mitigation instruments"): the instruments mitigated sellers must offer
/// (<c>instrument,seller,location,mw,strike,kind</c>, optional <c>term_start,term_end,reserve_price</c>), the bids
/// (<c>bid,bidder,instrument,mw,price</c>) and the affiliations (<c>participant,affiliate</c>). Every problem is an
/// <see cref="InvalidInputException"/> naming the file and line.
/// </summary>
public static class CfdAuctionReader
{
    public static IReadOnlyList<CfdOffer> ReadOffers(string path, Gridclear.Network.Network network, MarketInput input) =>
        Offers(CsvTable.Read(path, InputFiles.CfdOffers), network, input);

    public static IReadOnlyList<CfdOffer> ParseOffers(string text, string source, Gridclear.Network.Network network, MarketInput input) =>
        Offers(CsvTable.Parse(text, source, InputFiles.CfdOffers), network, input);

    /// <param name="affiliates">Pairs of affiliated participants: a seller's affiliate may not bid for its instruments.</param>
    public static IReadOnlyList<CfdBid> ReadBids(string path, IReadOnlyList<CfdOffer> offers, IReadOnlySet<(string, string)> affiliates) =>
        Bids(CsvTable.Read(path, InputFiles.CfdBids), offers, affiliates);

    public static IReadOnlyList<CfdBid> ParseBids(string text, string source, IReadOnlyList<CfdOffer> offers, IReadOnlySet<(string, string)> affiliates) =>
        Bids(CsvTable.Parse(text, source, InputFiles.CfdBids), offers, affiliates);

    /// <summary>The affiliated pairs of <paramref name="path"/> (both orders), or none without a file.</summary>
    public static IReadOnlySet<(string, string)> ReadAffiliates(string? path)
    {
        var pairs = new HashSet<(string, string)>();
        if (path is null)
        {
            return pairs;
        }

        if (!File.Exists(path))
        {
            throw new InvalidInputException(path, null, Directory.Exists(path) ? "--affiliates names a folder, not a file" : "--affiliates names a file that does not exist");
        }

        var table = CsvTable.Read(path, InputFiles.Affiliates);
        foreach (var row in table.Rows)
        {
            var a = Checked(table, row, table.GetString(row, "participant"), "participant");
            var b = Checked(table, row, table.GetString(row, "affiliate"), "affiliate");
            if (a == b)
            {
                throw table.Error(row, $"{a} is named as its own affiliate");
            }

            pairs.Add((a, b));
            pairs.Add((b, a));
        }

        return pairs;
    }

    private static List<CfdOffer> Offers(CsvTable table, Gridclear.Network.Network network, MarketInput input)
    {
        var known = CfdFileReader.KnownLocations(network, input);
        var offers = new List<CfdOffer>();
        var lineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var id = table.GetString(row, "instrument");
            if (lineOf.TryGetValue(id, out var first))
            {
                throw table.Error(row, $"instrument {id} is offered twice (first on line {first})");
            }

            if (id.Contains('/', StringComparison.Ordinal))
            {
                throw table.Error(row, $"instrument {id}: an instrument id must not hold '/' (the awarded cfd ids are instrument/bidder)");
            }

            lineOf[id] = row.Line;
            var location = CfdFileReader.Location(table, row, known);
            var kind = CfdFileReader.Kind(table, row);
            var reserve = table.Has("reserve_price") ? table.GetDouble(row, "reserve_price", 0) : 0;
            if (reserve > FtrFileReader.MaxPricePerMw)
            {
                throw table.Error(row, string.Create(CultureInfo.InvariantCulture, $"column 'reserve_price': {reserve:R} $/MW is beyond the limit of {FtrFileReader.MaxPricePerMw:0e0} $/MW"));
            }

            var seller = table.GetString(row, "seller");
            var mw = table.GetDouble(row, "mw");
            var strike = table.GetDouble(row, "strike");
            var start = CfdFileReader.Day(table, row, "term_start");
            var end = CfdFileReader.Day(table, row, "term_end");
            offers.Add(table.Checked(row, () => new CfdOffer(id, seller, location, mw, strike, kind, start, end, reserve)));
        }

        return offers;
    }

    private static List<CfdBid> Bids(CsvTable table, IReadOnlyList<CfdOffer> offers, IReadOnlySet<(string, string)> affiliates)
    {
        var offerOf = offers.ToDictionary(o => o.Instrument, StringComparer.Ordinal);
        var bids = new List<CfdBid>();
        var lineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var id = table.GetString(row, "bid");
            if (lineOf.TryGetValue(id, out var first))
            {
                throw table.Error(row, $"bid {id} appears twice (first on line {first})");
            }

            lineOf[id] = row.Line;
            var bidder = table.GetString(row, "bidder");
            var instrument = table.GetString(row, "instrument");
            var offer = offerOf.GetValueOrDefault(instrument) ?? throw table.Error(row, $"column 'instrument': no instrument '{instrument}' is offered");
            if (bidder == offer.Seller)
            {
                throw table.Error(row, $"bid {id}: {bidder} sells instrument {instrument} and may not buy it (the instruments go to participants not affiliated with the seller)");
            }

            if (affiliates.Contains((bidder, offer.Seller)))
            {
                throw table.Error(row, $"bid {id}: {bidder} is affiliated with {offer.Seller}, the seller of instrument {instrument} (affiliates may not buy it)");
            }

            var price = table.GetDouble(row, "price");
            if (Math.Abs(price) > FtrFileReader.MaxPricePerMw)
            {
                throw table.Error(row, string.Create(CultureInfo.InvariantCulture, $"column 'price': {price:R} $/MW is beyond the limit of ±{FtrFileReader.MaxPricePerMw:0e0} $/MW"));
            }

            var mw = table.GetDouble(row, "mw");
            bids.Add(table.Checked(row, () => new CfdBid(id, bidder, instrument, mw, price)));
        }

        return bids;
    }

    private static string Checked(CsvTable table, CsvRow row, string name, string column) =>
        table.Checked(row, () => Names.Checked(name, $"column '{column}'"));
}
