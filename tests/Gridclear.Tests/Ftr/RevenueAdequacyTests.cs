using Gridclear.Ftr;
using Gridclear.Market;

namespace Gridclear.Tests.Ftr;

/// <summary>
/// The simultaneous-feasibility theorem as a property: FTRs awarded by the auction on a network, settled at the
/// prices of a lossless DC day-ahead market on the same network and limits, never pay more than the congestion
/// rent that market collects.
/// </summary>
public sealed class RevenueAdequacyTests
{
    /// <summary>Dollars: cents rounding on each FTR plus LP tolerances (1e-7 relative) on rents of ~$10⁴.</summary>
    private const double MoneyTolerance = 0.5;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FtrPaymentsNeverExceedCongestionRent(bool options)
    {
        var congested = 0;
        for (var seed = 1; seed <= 12; seed++)
        {
            var buses = 8 + (seed * 3 % 17);
            var m = FtrFixtures.Build(FtrFixtures.RandomCase(buses, seed), (n, o) => FtrFixtures.SomeContingencies(n, o, seed % 4, seed));
            var bids = FtrFixtures.RandomBids(m, 60, seed * 7, options);
            var auction = FtrAuction.Clear(m.Constraints, bids, [], FtrFixtures.Clp);
            var ftrs = auction.Holdings([]);

            var da = DayAheadMarket.Clear(m.Security, MarketInput.Empty, FtrFixtures.Clp);
            if (da.Status != ClearingStatus.Optimal)
            {
                continue;
            }

            var lmp = da.Prices.Select(p => p.Lmp).ToArray();
            var rent = CongestionRent(m.Network, da, lmp);
            var settlement = FtrSettlement.Settle(ftrs, lmp, (decimal)rent);
            Assert.True((double)settlement.NetPaid <= rent + MoneyTolerance, $"seed {seed}: FTRs paid {settlement.NetPaid} against rent {rent:F2}");
            Assert.True((double)settlement.Shortfall <= MoneyTolerance, $"seed {seed}: shortfall {settlement.Shortfall}");
            if (rent > 1 && settlement.PositiveTargets > 0)
            {
                congested++;
            }
        }

        Assert.True(congested >= 4, $"only {congested} congested seeds: the property was barely exercised");
    }

    /// <summary>Loads paid less generators paid: −Σ LMP × net injection (lossless).</summary>
    private static double CongestionRent(Network.Network network, DayAheadResult da, double[] lmp)
    {
        var rent = 0.0;
        for (var b = 0; b < network.BusCount; b++)
        {
            rent += lmp[b] * network.BusLoadMw[b];
        }

        foreach (var a in da.Awards)
        {
            rent -= lmp[network.BusIndex(a.Bus)] * a.InjectionMw;
        }

        return rent;
    }
}
