namespace Gridclear.Ftr;

/// <summary>The outcome of an FTR auction.</summary>
/// <param name="Awards">One per bid, in bid order (rejected bids with 0 MW).</param>
/// <param name="BusPrices">Nodal auction prices, $/MW, by internal bus index (0 at the reference bus):
/// an obligation's clearing price is price(sink) − price(source).</param>
/// <param name="Revenue">Σ amounts paid by buyers less amounts paid to sellers, $.</param>
/// <param name="Value">Σ bid price × awarded MW of buys less that of sells: the value the auction maximised, $.</param>
/// <param name="Rounds">LP solves.</param>
/// <param name="RowsAdded">Constraint rows the LP holds at the end.</param>
public sealed record FtrAuctionResult(
    IReadOnlyList<FtrAward> Awards,
    double[] BusPrices,
    IReadOnlyList<FtrBindingConstraint> Binding,
    decimal Revenue,
    double Value,
    int Rounds,
    int RowsAdded)
{
    public double AwardedBuyMw => Awards.Where(a => a.Bid.Side == FtrSide.Buy).Sum(a => a.AwardedMw);

    public double AwardedSellMw => Awards.Where(a => a.Bid.Side == FtrSide.Sell).Sum(a => a.AwardedMw);

    /// <summary>The FTRs held after the auction: outstanding less sold, plus bought, one per bid and FTR with MW left.
    /// An auction's awards fed to the next as outstanding FTRs (annual, then monthly: F4).</summary>
    public IReadOnlyList<OutstandingFtr> Holdings(IReadOnlyList<OutstandingFtr> outstanding)
    {
        var held = new List<OutstandingFtr>();
        var sold = new Dictionary<(string Holder, string Path, FtrKind Kind), double>();
        foreach (var a in Awards.Where(a => a.Bid.Side == FtrSide.Sell && a.AwardedMw > 0))
        {
            var key = (a.Bid.Bidder, FtrLoads.PathKey(a.Bid.Path), a.Bid.Kind);
            sold[key] = sold.GetValueOrDefault(key) + a.AwardedMw;
        }

        foreach (var f in outstanding)
        {
            var key = (f.Holder, FtrLoads.PathKey(f.Path), f.Kind);
            var take = Math.Min(sold.GetValueOrDefault(key), f.Mw);
            if (take > 0)
            {
                sold[key] -= take;
            }

            if (f.Mw - take > 1e-9)
            {
                held.Add(new OutstandingFtr(f.Id, f.Holder, f.Path, f.Mw - take, f.Kind));
            }
        }

        foreach (var a in Awards.Where(a => a.Bid.Side == FtrSide.Buy && a.AwardedMw > 0))
        {
            held.Add(new OutstandingFtr(a.Bid.Id, a.Bid.Bidder, a.Bid.Path, a.AwardedMw, a.Bid.Kind));
        }

        return held;
    }
}
