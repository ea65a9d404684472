using Gridclear.Ftr;
using Gridclear.Tests.Flows;

namespace Gridclear.Tests.Ftr;

public sealed class FtrAuctionTests
{
    /// <summary>Prices and awards: LP duals at Clp's default tolerances (1e-7) on MW-scale data.</summary>
    private const double PriceTolerance = 1e-6;

    /// <summary>Hand arithmetic with 4–5 significant figures.</summary>
    private const double HandTolerance = 1e-3;

    [Theory]
    [InlineData(FtrFormulation.ShiftFactor)]
    [InlineData(FtrFormulation.Angle)]
    public void Pjm5BusAuctionMatchesHandCalculation(FtrFormulation formulation)
    {
        // PJM 5-bus (case5): only 1-2 (400 MW) and 4-5 (240 MW) are limited. A transfer from E (5) to D (4) splits
        // between 5-4 direct (x .0297) and 5-1 (.0064) then 1-4 (.0304) ∥ 1-2-3-4 (.0686):
        // x(5-1-…-4) = .0064 + .0304·.0686/.0990 = .027465, share on 5-4 = .027465/(.0297+.027465) = .48046,
        // so 4-5 binds at 240/.48046 = 499.52 MW of 5→4; 1-2 carries .51954·.0304/.0990 = .15954 per MW and does not.
        var m = FtrFixtures.Build(TestCases.Case5());
        var path = m.Path("5", "4");
        var bids = new List<FtrBid>
        {
            new("A", "alta", path, FtrKind.Obligation, FtrSide.Buy, 300, 10),
            new("B", "brighton", path, FtrKind.Obligation, FtrSide.Buy, 300, 6),
            new("C", "counter", m.Path("4", "5"), FtrKind.Obligation, FtrSide.Buy, 100, -1),
            new("D", "option", m.Path("4", "5"), FtrKind.Option, FtrSide.Buy, 50, 0.5),
            new("E", "low", path, FtrKind.Obligation, FtrSide.Buy, 100, 5),
        };

        var result = FtrAuction.Clear(m.Constraints, bids, [], FtrFixtures.Clp, new FtrAuctionOptions(Formulation: formulation));
        var byId = result.Awards.ToDictionary(a => a.Bid.Id);

        // The counterflow obligation C frees 100 MW of 5→4, which B (the marginal bid at $6) takes:
        // A 300, B 499.52 − 300 + 100 = 299.52, C 100 at −$6 (paid $6/MW to take it), E rejected.
        Assert.Equal(300, byId["A"].AwardedMw, HandTolerance);
        Assert.Equal(299.52, byId["B"].AwardedMw, 0.01);
        Assert.Equal(100, byId["C"].AwardedMw, PriceTolerance);
        Assert.Equal(0, byId["E"].AwardedMw, PriceTolerance);
        Assert.Equal(6, byId["A"].ClearingPrice, PriceTolerance);
        Assert.Equal(-6, byId["C"].ClearingPrice, PriceTolerance);

        // The option D flows 4→5, which loads no binding direction: free, and awarded in full.
        Assert.Equal(0, byId["D"].ClearingPrice, PriceTolerance);
        Assert.Equal(50, byId["D"].AwardedMw, PriceTolerance);

        var binding = Assert.Single(result.Binding);
        Assert.Equal("4-5", binding.Name.Name);
        Assert.Equal(-1, binding.Direction);
        Assert.Equal(6 / 0.48046, binding.ShadowPrice, 0.01);

        // Nodal prices: price(4) − price(5) is the 5→4 clearing price.
        var p = result.BusPrices;
        Assert.Equal(6, p[m.Network.BusIndex(4)] - p[m.Network.BusIndex(5)], PriceTolerance);

        // Revenue = Σ price × MW = 300·6 + 299.52·6 − 100·6.
        Assert.Equal(2997.12, (double)result.Revenue, 0.1); // B to 0.01 MW × $6
        Assert.Equal(result.Awards.Sum(a => a.Amount), result.Revenue);
    }

    [Theory]
    [InlineData(14, 1, 0, FtrFormulation.ShiftFactor)]
    [InlineData(20, 2, 3, FtrFormulation.ShiftFactor)]
    [InlineData(30, 3, 5, FtrFormulation.ShiftFactor)]
    [InlineData(14, 1, 0, FtrFormulation.Angle)]
    [InlineData(20, 2, 3, FtrFormulation.Angle)]
    [InlineData(30, 3, 5, FtrFormulation.Angle)]
    public void ClearingPricesSeparateAwardedFromRejectedBids(int buses, int seed, int contingencies, FtrFormulation formulation)
    {
        var m = FtrFixtures.Build(FtrFixtures.RandomCase(buses, seed), (n, o) => FtrFixtures.SomeContingencies(n, o, contingencies, seed));
        var bids = FtrFixtures.RandomBids(m, 120, seed);
        var result = FtrAuction.Clear(m.Constraints, bids, [], FtrFixtures.Clp, new FtrAuctionOptions(Formulation: formulation));
        Assert.NotEmpty(result.Binding);
        foreach (var a in result.Awards)
        {
            if (a.AwardedMw > 1e-6)
            {
                Assert.True(a.Bid.Price >= a.ClearingPrice - PriceTolerance, $"{a.Bid.Id} awarded at {a.Bid.Price} < {a.ClearingPrice}");
            }

            if (a.AwardedMw < a.Bid.Mw - 1e-6)
            {
                Assert.True(a.Bid.Price <= a.ClearingPrice + PriceTolerance, $"{a.Bid.Id} rejected at {a.Bid.Price} > {a.ClearingPrice}");
            }

            if (a.Bid.Kind == FtrKind.Obligation)
            {
                Assert.Equal(a.Bid.Path.Value(result.BusPrices), a.ClearingPrice, PriceTolerance);
            }
            else
            {
                Assert.True(a.ClearingPrice >= -PriceTolerance);
            }
        }

        var revenue = result.Awards.Sum(a => (decimal)(a.ClearingPrice * a.AwardedMw));
        Assert.Equal((double)revenue, (double)result.Revenue, 0.01 * bids.Count);

        // The awarded set is simultaneously feasible, options counted only where they load a constraint.
        var held = result.Holdings([]);
        Assert.Empty(SimultaneousFeasibility.Check(m.Constraints, held, 1.0, 1e-5));
    }

    [Theory]
    [InlineData(FtrFormulation.ShiftFactor)]
    [InlineData(FtrFormulation.Angle)]
    public void ReleaseShareScalesCapability(FtrFormulation formulation)
    {
        var m = FtrFixtures.Build(TestCases.Case5());
        var bids = new List<FtrBid> { new("A", "a", m.Path("5", "4"), FtrKind.Obligation, FtrSide.Buy, 1000, 10) };
        var full = FtrAuction.Clear(m.Constraints, bids, [], FtrFixtures.Clp, new FtrAuctionOptions(Formulation: formulation));
        var half = FtrAuction.Clear(m.Constraints, bids, [], FtrFixtures.Clp, new FtrAuctionOptions(ReleaseShare: 0.5, Formulation: formulation));
        Assert.Equal(full.Awards[0].AwardedMw / 2, half.Awards[0].AwardedMw, 1e-6);
        Assert.Equal(10, half.Awards[0].ClearingPrice, PriceTolerance);
    }

    [Theory]
    [InlineData(FtrFormulation.ShiftFactor)]
    [InlineData(FtrFormulation.Angle)]
    public void MonthlyAuctionHonoursAnnualAwardsAndResales(FtrFormulation formulation)
    {
        var m = FtrFixtures.Build(TestCases.Case5());
        var path = m.Path("5", "4");
        var annual = FtrAuction.Clear(m.Constraints, [new FtrBid("Y1", "alta", path, FtrKind.Obligation, FtrSide.Buy, 1000, 8)], [], FtrFixtures.Clp, new FtrAuctionOptions(Formulation: formulation));
        var outstanding = annual.Holdings([]);
        var held = Assert.Single(outstanding);
        Assert.Equal(499.52, held.Mw, 0.01);

        // The monthly auction: a new buyer on the full path gets only what the holder resells.
        var monthly = FtrAuction.Clear(
            m.Constraints,
            [
                new FtrBid("M1", "brighton", path, FtrKind.Obligation, FtrSide.Buy, 200, 9),
                new FtrBid("M2", "alta", path, FtrKind.Obligation, FtrSide.Sell, 150, 7),
            ],
            outstanding,
            FtrFixtures.Clp, new FtrAuctionOptions(Formulation: formulation));
        Assert.Equal(150, monthly.Awards[0].AwardedMw, 1e-6);
        Assert.Equal(150, monthly.Awards[1].AwardedMw, 1e-6);
        Assert.InRange(monthly.Awards[0].ClearingPrice, 7 - PriceTolerance, 9 + PriceTolerance);
        Assert.Equal(monthly.Awards[0].ClearingPrice, monthly.Awards[1].ClearingPrice, PriceTolerance);
        var after = monthly.Holdings(outstanding);
        Assert.Equal(499.52 - 150, after.Single(f => f.Holder == "alta").Mw, 0.01);
        Assert.Equal(150, after.Single(f => f.Holder == "brighton").Mw, 1e-6);
        Assert.Empty(SimultaneousFeasibility.Check(m.Constraints, after, 1.0, 1e-5));
    }

    [Theory]
    [InlineData(FtrFormulation.ShiftFactor)]
    [InlineData(FtrFormulation.Angle)]
    public void InfeasibleOutstandingSetIsRefused(FtrFormulation formulation)
    {
        var m = FtrFixtures.Build(TestCases.Case5());
        var ftrs = new[] { new OutstandingFtr("F1", "x", m.Path("5", "4"), 600, FtrKind.Obligation) };
        var violations = SimultaneousFeasibility.Check(m.Constraints, ftrs, 1.0, 1e-6);
        Assert.Equal("4-5", m.Constraints.Describe(Assert.Single(violations).Constraint).Name);
        var e = Assert.Throws<InvalidOperationException>(() => FtrAuction.Clear(m.Constraints, [], ftrs, FtrFixtures.Clp, new FtrAuctionOptions(Formulation: formulation)));
        Assert.Contains("4-5", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FtrFormulation.ShiftFactor)]
    [InlineData(FtrFormulation.Angle)]
    public void SellsMustBeHeld(FtrFormulation formulation)
    {
        var m = FtrFixtures.Build(TestCases.Case5());
        var bids = new[] { new FtrBid("S", "nobody", m.Path("5", "4"), FtrKind.Obligation, FtrSide.Sell, 10, 1) };
        Assert.Throws<InvalidOperationException>(() => FtrAuction.Clear(m.Constraints, bids, [], FtrFixtures.Clp, new FtrAuctionOptions(Formulation: formulation)));
    }

    [Theory]
    [InlineData(FtrFormulation.ShiftFactor)]
    [InlineData(FtrFormulation.Angle)]
    public void OptionsStayFeasibleWhicheverAreExercised(FtrFormulation formulation)
    {
        // Opposite options on the congested line: as obligations they would net out; as options each must fit alone.
        var m = FtrFixtures.Build(TestCases.Case5());
        var bids = new List<FtrBid>
        {
            new("O1", "a", m.Path("5", "4"), FtrKind.Option, FtrSide.Buy, 600, 10),
            new("O2", "b", m.Path("4", "5"), FtrKind.Option, FtrSide.Buy, 600, 10),
        };
        var result = FtrAuction.Clear(m.Constraints, bids, [], FtrFixtures.Clp, new FtrAuctionOptions(Formulation: formulation));
        Assert.Equal(499.52, result.Awards[0].AwardedMw, 0.01);
        Assert.Equal(499.52, result.Awards[1].AwardedMw, 0.01);
        Assert.Equal(10, result.Awards[0].ClearingPrice, PriceTolerance);
        Assert.Equal(10, result.Awards[1].ClearingPrice, PriceTolerance);

        var asObligations = FtrAuction.Clear(m.Constraints, [.. bids.Select(b => new FtrBid(b.Id, b.Bidder, b.Path, FtrKind.Obligation, b.Side, b.Mw, b.Price))], [], FtrFixtures.Clp, new FtrAuctionOptions(Formulation: formulation));
        Assert.Equal(600, asObligations.Awards[0].AwardedMw, 1e-6);
        Assert.Equal(600, asObligations.Awards[1].AwardedMw, 1e-6);
    }
}
