using Gridclear.Ftr;

namespace Gridclear.Tests.Ftr;

/// <summary>
/// Column generation in the auction LP: bids with dense columns (options in the angle LP, where they start out of
/// it; every bid in the shift-factor LP) leave the LP at a bound and come back when the duals price them in, a
/// few a round. It must reach the optimum of the LP that holds every bid from the start, with clearing prices
/// that still separate awarded from rejected bids.
/// </summary>
public sealed class FtrColumnGenerationTests
{
    private const double PriceTolerance = 1e-5;

    [Theory]
    [InlineData(30, 1, FtrFormulation.Angle, 300)]
    [InlineData(30, 2, FtrFormulation.Angle, 3)]
    [InlineData(40, 3, FtrFormulation.Angle, 1)]
    [InlineData(30, 4, FtrFormulation.ShiftFactor, 300)]
    [InlineData(40, 5, FtrFormulation.ShiftFactor, 2)]
    public void PricedColumnsReachTheFullOptimum(int buses, int seed, FtrFormulation formulation, int enteringPerRound)
    {
        var m = FtrFixtures.Build(FtrFixtures.RandomCase(buses, seed), (n, o) => FtrFixtures.SomeContingencies(n, o, 6, seed));
        var bids = FtrFixtures.RandomBids(m, 240, seed);

        // Outstanding obligations and options from an earlier auction, a third of them offered back (sells of
        // options are held out and priced like buys).
        var first = FtrAuction.Clear(m.Constraints, bids.Take(80).ToList(), [], FtrFixtures.Clp, new FtrAuctionOptions(ReleaseShare: 0.5, Formulation: formulation));
        var outstanding = first.Holdings([]);
        Assert.Contains(outstanding, f => f.Kind == FtrKind.Option);
        var second = bids.Skip(80).ToList();
        second.AddRange(outstanding.Where((_, k) => k % 3 == 0).Select(f => new FtrBid("s" + f.Id, f.Holder, f.Path, f.Kind, FtrSide.Sell, f.Mw / 2, 2)));

        var full = FtrAuction.Clear(m.Constraints, second, outstanding, FtrFixtures.Clp, new FtrAuctionOptions(Formulation: formulation, PriceColumns: false));
        var priced = FtrAuction.Clear(m.Constraints, second, outstanding, FtrFixtures.Clp, new FtrAuctionOptions(Formulation: formulation, EnteringPerRound: enteringPerRound));

        Assert.NotEmpty(priced.Binding);
        Assert.Contains(priced.Awards, a => a.Bid.Kind == FtrKind.Option && a.AwardedMw > 1e-6);
        Assert.Equal(full.Value, priced.Value, Math.Max(1e-7 * Math.Abs(full.Value), 1e-6));
        Assert.Empty(SimultaneousFeasibility.Check(m.Constraints, priced.Holdings(outstanding), 1.0, 1e-5));
        foreach (var a in priced.Awards)
        {
            var gain = a.Bid.Side == FtrSide.Buy ? a.Bid.Price - a.ClearingPrice : a.ClearingPrice - a.Bid.Price;
            if (a.AwardedMw > 1e-6)
            {
                Assert.True(gain >= -PriceTolerance, $"{a.Bid.Id} awarded {a.AwardedMw} MW at a loss of {gain}");
            }

            if (a.AwardedMw < a.Bid.Mw - 1e-6)
            {
                Assert.True(gain <= PriceTolerance, $"{a.Bid.Id} left {a.Bid.Mw - a.AwardedMw} MW with a gain of {gain}");
            }
        }
    }

    /// <summary>With no constraint to solve for first, the first LP holds only what the bids' own prices call for:
    /// held-out options are priced at duals of 0, and the auction still ends at the optimum.</summary>
    [Fact]
    public void OptionsAloneArePricedInBeforeTheFirstSolve()
    {
        var m = FtrFixtures.Build(FtrFixtures.RandomCase(24, 7), (n, o) => FtrFixtures.SomeContingencies(n, o, 4, 7));
        var options = FtrFixtures.RandomBids(m, 150, 7).Select(b => new FtrBid(b.Id, b.Bidder, b.Path, FtrKind.Option, b.Side, b.Mw, Math.Abs(b.Price) + 1)).ToList();
        var full = FtrAuction.Clear(m.Constraints, options, [], FtrFixtures.Clp, new FtrAuctionOptions(Formulation: FtrFormulation.Angle, PriceColumns: false));
        var priced = FtrAuction.Clear(m.Constraints, options, [], FtrFixtures.Clp, new FtrAuctionOptions(Formulation: FtrFormulation.Angle, EnteringPerRound: 10));
        Assert.NotEmpty(priced.Binding);
        Assert.Equal(full.Value, priced.Value, Math.Max(1e-7 * Math.Abs(full.Value), 1e-6));
        Assert.True(priced.Rounds > full.Rounds, $"{priced.Rounds} rounds priced, {full.Rounds} with every column");
    }
}
