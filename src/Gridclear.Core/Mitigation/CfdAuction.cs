using Gridclear.Settlement;

namespace Gridclear.Mitigation;

/// <summary>
/// The auction of the CFDs and call options that mitigated sellers must offer (M2, 004: "auctioned to load serving
/// entities and other market participants not affiliated with the seller, with the proceeds credited against the access
/// charge"). Each instrument clears on its own at one uniform price:
/// <list type="bullet">
/// <item>bids at or above the instrument's reserve price are filled from the highest price down; bids at one price share
/// what is left at that price pro rata to their MW (so the result never depends on the order of the file);</item>
/// <item>the price is where supply meets demand: when the instrument sells out, the price of the lowest bid awarded
/// anything (the marginal bid); when it does not, every bid at or above the reserve price is filled, another MW is worth
/// no more than the reserve price, and that is the price (the supply row's dual, as in the FTR auction's LP);</item>
/// <item>every award pays MW × price, rounded to the cent; the seller is paid nothing (the proceeds are the access
/// charge's).</item>
/// </list>
/// </summary>
public static class CfdAuction
{
    /// <summary>MW left below this is none: an instrument is sold out.</summary>
    public const double ToleranceMw = 1e-9;

    public static CfdAuctionResult Clear(IReadOnlyList<CfdOffer> offers, IReadOnlyList<CfdBid> bids)
    {
        var offerOf = new Dictionary<string, CfdOffer>(StringComparer.Ordinal);
        foreach (var offer in offers)
        {
            if (!offerOf.TryAdd(offer.Instrument, offer))
            {
                throw new ArgumentException($"instrument {offer.Instrument} is offered twice");
            }
        }

        foreach (var bid in bids)
        {
            var offer = offerOf.GetValueOrDefault(bid.Instrument) ?? throw new ArgumentException($"bid {bid.Id}: no instrument {bid.Instrument} is offered");
            if (bid.Bidder == offer.Seller)
            {
                throw new ArgumentException($"bid {bid.Id}: {bid.Bidder} sells instrument {bid.Instrument} and cannot buy it");
            }
        }

        var awarded = new double[bids.Count];
        var priceOf = new Dictionary<string, double>(StringComparer.Ordinal);
        var instruments = new List<CfdInstrumentClearing>(offers.Count);
        var cfds = new List<Cfd>();
        foreach (var offer in offers)
        {
            var mine = Enumerable.Range(0, bids.Count).Where(k => bids[k].Instrument == offer.Instrument && bids[k].Price >= offer.ReservePrice).ToList();
            var left = offer.Mw;
            double? marginal = null;
            foreach (var level in mine.GroupBy(k => bids[k].Price).OrderByDescending(g => g.Key))
            {
                if (left <= ToleranceMw)
                {
                    break;
                }

                var demand = level.Sum(k => bids[k].Mw);
                var fill = demand <= left ? 1.0 : left / demand;
                foreach (var k in level)
                {
                    awarded[k] = fill == 1.0 ? bids[k].Mw : bids[k].Mw * fill;
                }

                left = fill == 1.0 ? left - demand : 0;
                marginal = level.Key;
            }

            var soldOut = left <= ToleranceMw;
            var price = soldOut && marginal is { } p ? p : offer.ReservePrice;
            priceOf[offer.Instrument] = price;
            decimal proceeds = 0;
            foreach (var k in mine)
            {
                proceeds += Amount(awarded[k], price);
            }

            instruments.Add(new CfdInstrumentClearing(offer, mine.Sum(k => awarded[k]), price, soldOut, proceeds));
            foreach (var holder in mine.Where(k => awarded[k] > 0).Select(k => bids[k].Bidder).Distinct())
            {
                var mw = mine.Where(k => bids[k].Bidder == holder).Sum(k => awarded[k]);
                cfds.Add(new Cfd($"{offer.Instrument}/{holder}", holder, offer.Seller, offer.Location, mw, offer.Strike, offer.Kind, offer.Start, offer.End, null));
            }
        }

        var awards = bids.Select((b, k) => new CfdAward(b, awarded[k], priceOf[b.Instrument], Amount(awarded[k], priceOf[b.Instrument]))).ToList();
        return new CfdAuctionResult(instruments, awards, cfds);
    }

    /// <summary>MW × $/MW, rounded to the cent (half away from zero, as the FTR auction's amounts).</summary>
    private static decimal Amount(double mw, double price) =>
        mw == 0 ? 0m : Math.Round((decimal)mw * (decimal)price, 2, MidpointRounding.AwayFromZero);
}
