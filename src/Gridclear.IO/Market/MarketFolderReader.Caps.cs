using Gridclear.IO.Csv;
using Gridclear.Market;

namespace Gridclear.IO.Market;

public static partial class MarketFolderReader
{
    public const string CapsFile = "caps.csv";

    /// <summary>
    /// caps.csv (M1): <c>market,service,cap</c>, market <c>day-ahead</c> or <c>real-time</c>, service <c>energy</c> or a
    /// reserve product; the rows of the market being read become its <see cref="PriceCaps"/>. In a capped market every
    /// energy offer, bid and adjustment, every reserve offer, and every mitigated price must be at or below its cap, and
    /// a generator's offers must cover its <c>must_offer</c> MW (M5); each refusal names the file and line.
    /// </summary>
    private static PriceCaps ReadCaps(Folder folder)
    {
        var table = folder.Table(InputFiles.Caps);
        if (table is null)
        {
            return PriceCaps.None;
        }

        double? energy = null;
        var reserve = new Dictionary<string, double>(StringComparer.Ordinal);
        var seen = new Dictionary<(string, string), int>();
        foreach (var row in table.Rows)
        {
            var market = table.GetString(row, "market");
            if (market is not (PriceCaps.DayAhead or PriceCaps.RealTime))
            {
                throw table.Error(row, $"column 'market': '{market}' is not a market ({PriceCaps.DayAhead} or {PriceCaps.RealTime})");
            }

            var service = table.GetString(row, "service");
            var cap = table.GetDouble(row, "cap");
            if (!(cap > 0))
            {
                throw table.Error(row, $"column 'cap': {StepRow.Text(cap)} is not a positive price (a cap bounds prices from above)");
            }

            if (seen.TryGetValue((market, service), out var first))
            {
                throw table.Error(row, $"{market} {service} is capped twice (first on line {first})");
            }

            seen[(market, service)] = row.Line;
            if (market != folder.Market)
            {
                continue;
            }

            if (service == PriceCaps.EnergyService)
            {
                energy = cap;
            }
            else
            {
                reserve[service] = cap;
            }
        }

        return new PriceCaps(energy, reserve);
    }

    /// <summary>Refuses what a capped market cannot take: a price above its cap, an offer short of its must-offer MW.</summary>
    private static void CheckCaps(Folder folder, PriceCaps caps, Participation participation)
    {
        if (caps.IsEmpty)
        {
            return;
        }

        var where = $"{folder.Market} cap in {CapsFile}";
        if (caps.Energy is { } energy)
        {
            foreach (var schema in new[] { InputFiles.Offers, InputFiles.Bids, InputFiles.Adjustments })
            {
                if (folder.Table(schema) is not { } table)
                {
                    continue;
                }

                foreach (var row in table.Rows)
                {
                    var price = table.GetDouble(row, "price");
                    if (price > energy)
                    {
                        throw table.Error(row, $"column 'price': {StepRow.Text(price)} $/MWh is above the energy {where} ({StepRow.Text(energy)} $/MWh)");
                    }
                }
            }

            if (folder.Table(InputFiles.Resources) is { } resources)
            {
                foreach (var row in resources.Rows)
                {
                    var id = resources.GetString(row, "resource");
                    var mitigated = resources.GetOptionalString(row, "mitigated_price") is null ? (double?)null : resources.GetDouble(row, "mitigated_price");
                    if (mitigated > energy)
                    {
                        throw resources.Error(row, $"column 'mitigated_price': {StepRow.Text(mitigated.Value)} $/MWh is above the energy {where} ({StepRow.Text(energy)} $/MWh)");
                    }

                    // M5: capacity under a bid cap must be offered. A resource without an offer in this read (a
                    // real-time resource held at its day-ahead MW) is not offering in this market.
                    var mustOffer = resources.GetDouble(row, "must_offer", 0);
                    if (mustOffer > 0 && participation.Offers.TryGetValue(id, out var offer) && offer.CapacityMw < mustOffer - 1e-9)
                    {
                        throw resources.Error(row, $"generator {id} offers {StepRow.Text(offer.CapacityMw)} MW in {OffersFile}, less than its must_offer {StepRow.Text(mustOffer)} MW: the {where} obliges it to offer that much (M5)");
                    }
                }
            }
        }

        if (caps.Reserve.Count > 0 && folder.Table(InputFiles.ReserveOffers) is { } reserveOffers)
        {
            foreach (var row in reserveOffers.Rows)
            {
                var product = reserveOffers.GetString(row, "product");
                var price = reserveOffers.GetDouble(row, "price");
                if (caps.ReserveCap(product) is { } cap && price > cap)
                {
                    throw reserveOffers.Error(row, $"column 'price': {StepRow.Text(price)} $/MW-h is above the {product} {where} ({StepRow.Text(cap)} $/MW-h)");
                }
            }
        }
    }
}
