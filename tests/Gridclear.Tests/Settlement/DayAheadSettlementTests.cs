using Gridclear.Market;
using Gridclear.Settlement;
using static Gridclear.Tests.Settlement.SettlementMarkets;

namespace Gridclear.Tests.Settlement;

public class DayAheadSettlementTests
{
    private static decimal Sum(SettlementResult r, string participant, string charge) =>
        r.Lines.Where(l => l.Participant == participant && l.Charge == charge).Sum(l => l.Amount);

    [Fact]
    public void ZonalPricesOfTheThreeBusMarketByHand()
    {
        var r = DayAheadSettlement.Settle(ThreeBus());
        // Zone A generation: (100·20 + 100·30) / 200 = 25. Load: (90·30 + 30·20) / 120 = 27.5.
        // Zone B load: L3 alone at 50. No zonal generator in B: falls back to all generators (G3 at 50).
        Assert.Equal(
            [
                new ZonalPrice("A", 27.5, 25, PriceBasis.ZonalLoads, PriceBasis.ZonalGenerators),
                new ZonalPrice("B", 50, 50, PriceBasis.ZonalLoads, PriceBasis.AllGenerators),
            ],
            r.ZonalPrices);
    }

    [Fact]
    public void ThreeBusMarketSettlesToTheCentAsComputedByHand()
    {
        var r = DayAheadSettlement.Settle(ThreeBus());

        // Energy at elected prices.
        Assert.Equal(2500.00m, Sum(r, "gena", Charges.Energy));     // G1 100 MW × zone A generation 25
        Assert.Equal(2500.00m, Sum(r, "genb", Charges.Energy));     // G2 100 × 25 (its bus is 30: zonal costs it 500)
        Assert.Equal(4000.00m, Sum(r, "genc", Charges.Energy));     // G3 nodal 80 × 50
        Assert.Equal(-3075.00m, Sum(r, "lse1", Charges.Energy));    // L1 −90 × 27.5 = −2475; L2 nodal −30 × 20 = −600
        Assert.Equal(-8325.00m, Sum(r, "lse2", Charges.Energy));    // L3 −150 × 50 = −7500; L4 −30 × 27.5 = −825

        // Constrained payments at z = 25: G1's 50 MW @22 idle → (25−22)·50 = 150 off;
        // G2's 40@26 and 60@30 dispatched above z → 1·40 + 5·60 = 340 on. None to nodal G3.
        Assert.Equal(150.00m, Sum(r, "gena", Charges.ConstrainedOff));
        Assert.Equal(0m, Sum(r, "gena", Charges.ConstrainedOn));
        Assert.Equal(340.00m, Sum(r, "genb", Charges.ConstrainedOn));
        Assert.DoesNotContain(r.Lines, l => l.Participant == "genc" && l.Charge.StartsWith("constrained", StringComparison.Ordinal));

        // Usage: S1 trader (no resources, nodal) 20·(20 − 50) = −600;
        // S2 lse2 at its zonal load prices 10·(27.5 − 50) = −225; S3 gena: injection at zone A generation price 25,
        // withdrawal at bus 2 (no gena resource there: nodal) 30 → 10·(25 − 30) = −50 (004 I.B.11.c).
        Assert.Equal(-600.00m, Sum(r, "trader", Charges.Usage));
        Assert.Equal(-225.00m, Sum(r, "lse2", Charges.Usage));
        Assert.Equal(-50.00m, Sum(r, "gena", Charges.Usage));

        // Zonal rent: zone A (27.5 − 25) × min(120 load, 200 generation) = 300; zone B has no zonal generation.
        // Uplift: 490 constrained − 300 offset = 190 to ALL loads by MWh (300 MWh): 0.6333… $/MWh.
        Assert.Equal(300.00m, r.Totals.ZonalRent);
        Assert.Equal(-57.00m - 19.00m, Sum(r, "lse1", Charges.Uplift));   // L1 90, L2 30 (nodal loads pay too)
        Assert.Equal(-95.00m - 19.00m, Sum(r, "lse2", Charges.Uplift));   // L3 150, L4 30

        // Operator: rent = −(energy + usage) = −(9000 − 11400 − 875) = 3275; uplift −300 paid from the rent.
        Assert.Equal(3275.00m, Sum(r, SettlementLine.Operator, Charges.CongestionRent));
        Assert.Equal(-300.00m, Sum(r, SettlementLine.Operator, Charges.Uplift));
        Assert.Equal(0.00m, Sum(r, SettlementLine.Operator, Charges.Rounding));
        Assert.Equal(0m, r.Lines.Sum(l => l.Amount));

        Assert.Equal(new SettlementTotals(3275m, 300m, 490m, 300m, 190m, 0m), r.Totals);
    }

    [Fact]
    public void LinesAreOrderedByParticipantThenChargeWithTheOperatorLast()
    {
        var r = DayAheadSettlement.Settle(ThreeBus());
        Assert.Equal(r.Lines.Order(SettlementLine.Order), r.Lines);
        Assert.Equal(
            ["gena", "genb", "genc", "lse1", "lse2", "trader", "operator"],
            r.Statements().Select(s => s.Participant));
        Assert.Equal(
            [Charges.CongestionRent, Charges.Rounding, Charges.Uplift],
            r.Lines.Where(l => l.Participant == SettlementLine.Operator).Select(l => l.Charge));
    }

    [Fact]
    public void ZonalRentBeyondTheConstrainedPaymentsStaysWithTheOperator()
    {
        // Remove G2's constrained-on by making its offer cheap: C = 150 (G1 off) < zonal rent 300: no uplift to loads.
        var input = ThreeBus();
        var offers = new Dictionary<string, OfferCurve>(input.Offers) { ["G2"] = Offer((100, 5)) };
        var r = DayAheadSettlement.Settle(input with { Offers = offers });
        Assert.Equal(150.00m, r.Totals.ConstrainedPayments);
        Assert.Equal(150.00m, r.Totals.UpliftOffset);
        Assert.Equal(0m, r.Totals.UpliftCharged);
        Assert.DoesNotContain(r.Lines, l => l.Charge == Charges.Uplift && l.Participant != SettlementLine.Operator);
        Assert.Equal(0m, r.Lines.Sum(l => l.Amount));
    }

    [Fact]
    public void UpliftSplitInThirdsBooksTheCentToRounding()
    {
        // One zonal generator dispatched 10 MW at 20 above a zone price of 10: constrained on 100. Its zone has no zonal
        // load, so no zonal rent; three equal nodal loads share 100 → 33.33 each, one cent to operator/rounding.
        var input = new SettlementInput(
            BusLmp: new Dictionary<int, double> { [1] = 10 },
            Zones: [new Zone("Z", [1])],
            Resources: [Gen("G", "g", 1, Election.Zonal), Load("La", "a", 1, Election.Nodal), Load("Lb", "b", 1, Election.Nodal), Load("Lc", "c", 1, Election.Nodal)],
            ResourceMw: new Dictionary<string, double> { ["G"] = 30, ["La"] = 10, ["Lb"] = 10, ["Lc"] = 10 },
            Offers: new Dictionary<string, OfferCurve> { ["G"] = Offer((20, 5), (10, 20)) },
            FinalSchedules: []);
        var r = DayAheadSettlement.Settle(input);
        Assert.Equal(100m, Sum(r, "g", Charges.ConstrainedOn));
        Assert.All(["a", "b", "c"], p => Assert.Equal(-33.33m, Sum(r, p, Charges.Uplift)));
        Assert.Equal(0m, Sum(r, SettlementLine.Operator, Charges.Uplift));
        Assert.Equal(-0.01m, Sum(r, SettlementLine.Operator, Charges.Rounding));
        Assert.Equal(0m, r.Lines.Sum(l => l.Amount));
    }

    [Fact]
    public void NodalGeneratorsGetNoConstrainedPaymentsWhateverTheirOffers()
    {
        var input = ThreeBus();
        var nodal = input.Resources.Select(x => new Resource(x.Id, x.Participant, x.Bus, x.Kind, Election.Nodal)).ToList();
        var r = DayAheadSettlement.Settle(input with { Resources = nodal });
        Assert.DoesNotContain(r.Lines, l => l.Charge is Charges.ConstrainedOn or Charges.ConstrainedOff);
        Assert.Equal(0m, r.Totals.ZonalRent);
        // All nodal, lossless: the operator's rent is load payments − generator payments at bus prices:
        // loads 90·30 + 30·20 + 150·50 + 30·20 = 11400; generators 2000 + 3000 + 4000 = 9000; schedules 600 + 300 + 100.
        Assert.Equal(11400m - 9000m + 1000m, r.Totals.CongestionRent);
    }

    [Fact]
    public void ExtraLinesSettleThroughTheOperatorsCongestionRent()
    {
        var input = ThreeBus() with { ExtraLines = [new SettlementLine("trader", "ftr", 123.456m, "F1 1→3")] };
        var r = DayAheadSettlement.Settle(input);
        Assert.Equal(123.46m, Sum(r, "trader", "ftr"));
        Assert.Equal(3275m - 123.46m, Sum(r, SettlementLine.Operator, Charges.CongestionRent));
        Assert.Equal(0m, r.Lines.Sum(l => l.Amount));
    }

    [Fact]
    public void UnbalancedScheduleSettlesItsLegsAsScheduleEnergy()
    {
        var input = ThreeBus() with { FinalSchedules = [new Schedule("U", "trader", false, [new ScheduleLeg(3, 5), new ScheduleLeg(2, -2)])] };
        var r = DayAheadSettlement.Settle(input);
        Assert.Equal(5 * 50m - 2 * 30m, Sum(r, "trader", Charges.ScheduleEnergy));
    }

    [Fact]
    public void HoursScaleEnergyToMwh()
    {
        var r1 = DayAheadSettlement.Settle(ThreeBus());
        var r4 = DayAheadSettlement.Settle(ThreeBus() with { Hours = 0.25 });
        Assert.Equal(Sum(r1, "genc", Charges.Energy) / 4, Sum(r4, "genc", Charges.Energy));
        Assert.Throws<InvalidInputException>(() => ThreeBus() with { Hours = 0 });
    }

    [Fact]
    public void BadOutcomesAreInvalidInput()
    {
        var input = ThreeBus();
        Assert.Throws<InvalidInputException>(() => DayAheadSettlement.Settle(input with { Zones = [new Zone("A", [1, 2])] }));  // L3 zonal, bus 3 unzoned
        Assert.Throws<InvalidInputException>(() => DayAheadSettlement.Settle(input with { BusLmp = new Dictionary<int, double> { [1] = 1, [2] = 2 } }));
        Assert.Throws<InvalidInputException>(() => DayAheadSettlement.Settle(
            input with { ResourceMw = new Dictionary<string, double>(input.ResourceMw) { ["G1"] = 151 } }));  // above 150 MW offered
        Assert.Throws<InvalidInputException>(() => DayAheadSettlement.Settle(input with { ResourceMw = new Dictionary<string, double> { ["nobody"] = 1 } }));
        Assert.Throws<InvalidInputException>(() => DayAheadSettlement.Settle(input with { ResourceMw = new Dictionary<string, double> { ["G1"] = -5 } }));
        Assert.Throws<InvalidInputException>(() => DayAheadSettlement.Settle(input with { BusLmp = new Dictionary<int, double> { [1] = double.NaN, [2] = 2, [3] = 3 } }));
        Assert.Throws<InvalidInputException>(() => DayAheadSettlement.Settle(input with { Resources = [.. input.Resources, Gen("G1", "x", 1, Election.Nodal)] }));
    }
}
