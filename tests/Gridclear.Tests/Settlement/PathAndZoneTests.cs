using Gridclear.Market;
using Gridclear.Settlement;
using static Gridclear.Tests.Settlement.SettlementMarkets;

namespace Gridclear.Tests.Settlement;

public class PathAndZoneTests
{
    private static readonly Zone[] ThreeZones = [new Zone("Z1", [1]), new Zone("Z2", [2]), new Zone("Z3", [3])];

    private static decimal UsageOf(SettlementResult r, string participant) =>
        r.Lines.Where(l => l.Participant == participant && l.Charge == Charges.Usage).Sum(l => l.Amount);

    [Theory]
    [InlineData("trader")]  // no resources: every leg at its bus price (004 I.B.11.b)
    [InlineData("lse2")]    // zonal loads at buses 1 and 3: legs there at zone prices (004 I.B.11.a, c)
    [InlineData("gena")]    // zonal generator at bus 1, nothing at 2 or 3
    public void UsageChargesAreIndependentOfThePath(string who)
    {
        // 004 I.B.11.d: zone 1 → zone 3 → zone 2 pays what zone 1 → zone 2 pays.
        var direct = ThreeBus(ThreeZones) with { FinalSchedules = [Balanced("D", who, 1, 2, 25)] };
        var viaZone3 = ThreeBus(ThreeZones) with { FinalSchedules = [Balanced("H1", who, 1, 3, 25), Balanced("H2", who, 3, 2, 25)] };
        var a = UsageOf(DayAheadSettlement.Settle(direct), who);
        var b = UsageOf(DayAheadSettlement.Settle(viaZone3), who);
        Assert.Equal(a, b);
        Assert.NotEqual(0m, a);
    }

    [Fact]
    public void ZonalUsageChargeIsTheDifferenceOfZonePrices()
    {
        // lse2 has zonal loads at buses 1 (Z1) and 3 (Z3): both legs at zonal load prices, 004 I.B.11.a.
        var r = DayAheadSettlement.Settle(ThreeBus(ThreeZones) with { FinalSchedules = [Balanced("S", "lse2", 1, 3, 10)] });
        var z1 = r.ZonalPrices.Single(z => z.Zone == "Z1").LoadPrice;
        var z3 = r.ZonalPrices.Single(z => z.Zone == "Z3").LoadPrice;
        Assert.Equal(-10 * ((decimal)z3 - (decimal)z1), UsageOf(r, "lse2"));
    }

    [Fact]
    public void AZoneSplitChangesZonalPricesButNotHubPrices()
    {
        Hub[] hubs = [new Hub("HUB", [new HubBus(1, 1), new HubBus(2, 1), new HubBus(3, 2)])];
        var before = ThreeBus();
        var after = ThreeBus([new Zone("A1", [1]), new Zone("A2", [2]), new Zone("B", [3])]);

        var zonesBefore = DayAheadSettlement.Settle(before).ZonalPrices;
        var zonesAfter = DayAheadSettlement.Settle(after).ZonalPrices;
        Assert.Equal(25, zonesBefore.Single(z => z.Zone == "A").GenerationPrice);
        Assert.Equal(20, zonesAfter.Single(z => z.Zone == "A1").GenerationPrice);
        Assert.Equal(30, zonesAfter.Single(z => z.Zone == "A2").GenerationPrice);

        // (20 + 30 + 2·50) / 4: weights normalised; hubs never see zones.
        Assert.Equal([new HubPrice("HUB", 37.5)], HubPrices.Compute(before.BusLmp, hubs));
        Assert.Equal(HubPrices.Compute(before.BusLmp, hubs), HubPrices.Compute(after.BusLmp, hubs));
    }

    [Fact]
    public void AfterASplitIntoSingleBusZonesZonalGeneratorsGetTheirBusPriceAndNoConstrainedPaymentsAreNeededAboveIt()
    {
        var r = DayAheadSettlement.Settle(ThreeBus([new Zone("A1", [1]), new Zone("A2", [2]), new Zone("B", [3])]));
        // G2 alone in A2 at 30: its steps 26 and 30 are at or below its price: no constrained-on any more.
        Assert.DoesNotContain(r.Lines, l => l.Participant == "genb" && l.Charge == Charges.ConstrainedOn);
    }

    [Fact]
    public void ZonalPriceFallbacks()
    {
        var lmp = new Dictionary<int, double> { [1] = 10, [2] = 40 };
        Zone[] zones = [new Zone("Z", [1, 2])];

        // Nothing cleared: plain bus average.
        var empty = ZonalPrices.Compute(lmp, zones, [], new Dictionary<string, double>());
        Assert.Equal([new ZonalPrice("Z", 25, 25, PriceBasis.BusAverage, PriceBasis.BusAverage)], empty);

        // Only a nodal load at bus 2 cleared: load price from all loads, generation price from the other side.
        Resource[] resources = [Load("L", "p", 2, Election.Nodal), Gen("G", "p", 1, Election.Zonal)];
        var onlyLoad = ZonalPrices.Compute(lmp, zones, resources, new Dictionary<string, double> { ["L"] = 5 });
        Assert.Equal([new ZonalPrice("Z", 40, 40, PriceBasis.AllLoads, PriceBasis.AllLoads)], onlyLoad);

        // Weighted average over zonal generators: (3·10 + 1·40) / 4 = 17.5.
        Resource[] gens = [Gen("G1", "p", 1, Election.Zonal), Gen("G2", "p", 2, Election.Zonal), Gen("G3", "p", 2, Election.Nodal)];
        var weighted = ZonalPrices.Compute(lmp, zones, gens, new Dictionary<string, double> { ["G1"] = 3, ["G2"] = 1, ["G3"] = 100 });
        Assert.Equal(17.5, weighted[0].GenerationPrice);
        Assert.Equal(PriceBasis.AllGenerators, weighted[0].LoadBasis);
        Assert.Equal((3 * 10 + 101 * 40) / 104.0, weighted[0].LoadPrice);
    }

    [Fact]
    public void HubWithMissingBusPriceIsInvalidInput() =>
        Assert.Throws<InvalidInputException>(() =>
            HubPrices.Compute(new Dictionary<int, double> { [1] = 1 }, [new Hub("H", [new HubBus(9, 1)])]));
}
