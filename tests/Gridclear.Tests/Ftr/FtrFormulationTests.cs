using Gridclear.Flows;
using Gridclear.Ftr;
using Gridclear.Market;
using Gridclear.Native.Klu;
using Gridclear.Network;

namespace Gridclear.Tests.Ftr;

/// <summary>The angle (B-θ) auction LP against the shift-factor one: same optimum, same prices where they are unique.</summary>
public sealed class FtrFormulationTests
{
    [Theory]
    [InlineData(24, 1, 4, false)]
    [InlineData(30, 2, 6, true)]
    [InlineData(40, 3, 8, true)]
    public void AngleAndShiftFactorLpsAgree(int buses, int seed, int contingencies, bool slackDistributed)
    {
        var m = Build(buses, seed, contingencies, slackDistributed);
        var bids = FtrFixtures.RandomBids(m, 150, seed);

        // A hub bid, so locations with several buses enter the balance rows weighted.
        bids.Add(new FtrBid("hub", "h", m.Path("HUB", m.Network.BusIds[buses - 1].ToString(System.Globalization.CultureInfo.InvariantCulture)), FtrKind.Obligation, FtrSide.Buy, 60, 12));

        // Outstanding FTRs (obligations and options) from a first auction, then resales of some of them.
        var first = FtrAuction.Clear(m.Constraints, bids.Take(60).ToList(), [], FtrFixtures.Clp, new FtrAuctionOptions(ReleaseShare: 0.6, Formulation: FtrFormulation.ShiftFactor));
        var outstanding = first.Holdings([]);
        Assert.Contains(outstanding, f => f.Kind == FtrKind.Option);
        var second = bids.Skip(60).ToList();
        second.AddRange(outstanding.Where((_, k) => k % 3 == 0).Select(f => new FtrBid("s" + f.Id, f.Holder, f.Path, f.Kind, FtrSide.Sell, f.Mw / 2, 3)));

        var sf = FtrAuction.Clear(m.Constraints, second, outstanding, FtrFixtures.Clp, new FtrAuctionOptions(Formulation: FtrFormulation.ShiftFactor));
        var angle = FtrAuction.Clear(m.Constraints, second, outstanding, FtrFixtures.Clp, new FtrAuctionOptions(Formulation: FtrFormulation.Angle));
        Assert.NotEmpty(sf.Binding);
        Assert.Equal(sf.Value, angle.Value, Math.Max(1e-6 * Math.Abs(sf.Value), 1e-6));

        // Both award sets are feasible.
        Assert.Empty(SimultaneousFeasibility.Check(m.Constraints, angle.Holdings(outstanding), 1.0, 1e-5));

        // A bid awarded in part is marginal: its price is its bid in both. Where the duals are unique (the same
        // binding rows, with the same shadow prices) every price agrees, nodal prices included.
        for (var b = 0; b < second.Count; b++)
        {
            var (a, s) = (angle.Awards[b], sf.Awards[b]);
            if (a.AwardedMw > 1e-6 && a.AwardedMw < a.Bid.Mw - 1e-6 && s.AwardedMw > 1e-6 && s.AwardedMw < s.Bid.Mw - 1e-6)
            {
                Assert.Equal(s.ClearingPrice, a.ClearingPrice, 1e-6);
            }
        }

        var sameDuals = sf.Binding.Count == angle.Binding.Count && sf.Binding.Zip(angle.Binding).All(p =>
            p.First.Constraint == p.Second.Constraint && p.First.Direction == p.Second.Direction && Math.Abs(p.First.ShadowPrice - p.Second.ShadowPrice) < 1e-6);
        if (sameDuals)
        {
            for (var i = 0; i < sf.BusPrices.Length; i++)
            {
                Assert.Equal(sf.BusPrices[i], angle.BusPrices[i], 1e-5);
            }

            for (var b = 0; b < second.Count; b++)
            {
                Assert.Equal(sf.Awards[b].ClearingPrice, angle.Awards[b].ClearingPrice, 1e-5);
            }
        }
    }

    /// <summary>A random case with a hub, an interface and a nomogram with an injection term, on a reference or a
    /// distributed slack (bus prices are quoted against it).</summary>
    private static FtrFixtures.Market Build(int buses, int seed, int contingencies, bool slackDistributed)
    {
        var network = NetworkCompiler.Compile(FtrFixtures.RandomCase(buses, seed)).Network;
        var slack = slackDistributed ? SlackDistribution.Weighted([(1, 2.0), (buses / 2, 1.0), (buses - 2, 1.0)]) : null;
        var shift = new ShiftFactors(network, new KluSolver(), slack);
        var list = FtrFixtures.SomeContingencies(network, new OutageFactors(shift), contingencies, seed);
        var face = new Interface("IF", [new BranchTerm(0, 1), new BranchTerm(1, -0.5)], 80);
        var nomogram = new Nomogram("NG", [new FlowTerm(2, 1), new InterfaceTerm("IF", 0.5), new InjectionTerm(network.BusIds[3], 0.3)], 70);
        var security = new SecurityModel(network, shift, [face], [nomogram], list);
        var hub = new FtrHubDefinition("HUB", [network.BusIds[1], network.BusIds[2], network.BusIds[5]], [1, 2, 1]);
        return new FtrFixtures.Market(network, security, new SecurityFtrConstraints(security), new FtrLocationResolver(network, [hub]));
    }
}
