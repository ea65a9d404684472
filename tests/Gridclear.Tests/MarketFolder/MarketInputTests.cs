using Gridclear.Market;

namespace Gridclear.Tests.MarketFolder;

/// <summary>The records refuse bad values at construction, with messages the reader passes on.</summary>
public sealed class MarketInputTests
{
    private static void Refused(Func<object> make, string problem)
    {
        var e = Assert.Throws<ArgumentException>(make);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Curves_keep_their_price_order()
    {
        Refused(() => new OfferCurve([new(10, 5), new(10, 4)]), "segment 2 price 4 is below segment 1's price 5");
        Refused(() => new BidCurve([new(10, 5), new(10, 6)]), "segment 2 price 6 is above segment 1's price 5");
        Refused(() => new OfferCurve([]), "offer has no steps");
        Refused(() => new PriceStep(0, 5), "step mw must be a positive number");
        Refused(() => new PriceStep(1, double.NaN), "step price must be a finite number");
        Assert.Equal(20, new OfferCurve([new(10, -5), new(10, -5)]).CapacityMw);
        Assert.Equal(15, new BidCurve([new(10, 50), new(5, 50)]).TotalMw);
    }

    [Fact]
    public void Adjustments_are_priced_like_offers_or_bids()
    {
        Refused(() => new AdjustmentBid("S", 1, AdjustmentDirection.Inc, [new(1, 5), new(1, 4)]), "inc adjustment of schedule S at bus 1: segment 2");
        Refused(() => new AdjustmentBid("S", 1, AdjustmentDirection.Dec, [new(1, 5), new(1, 6)]), "dec adjustment");
        Assert.Equal(2, new AdjustmentBid("S", 1, AdjustmentDirection.Dec, [new(1, 6), new(1, 5)]).TotalMw);
    }

    [Fact]
    public void Records_check_themselves()
    {
        Refused(() => new Schedule("S", "P", true, [new(1, 10), new(2, -9)]), "schedule S is balanced but its legs sum to 1 MW");
        Refused(() => new Schedule("S", "P", false, [new(1, 10), new(1, -9)]), "bus 1 twice");
        Assert.Equal(1, new Schedule("S", "P", false, [new(1, 10), new(2, -9)]).NetMw);
        Assert.NotNull(new Schedule("S", "P", true, [new(1, 0.1 + 0.2), new(2, -0.3)]));
        Refused(() => new Resource("", "P", 1, ResourceKind.Load, Election.Nodal), "resource id must not be empty");
        Refused(() => new Resource("G", "P", 1, (ResourceKind)7, Election.Nodal), "kind of resource G");
        Refused(() => new Hub("7", [new(1, 1)]), "looks like a bus number");
        Refused(() => new HubBus(1, 0), "hub weight of bus 1");
        Refused(() => new Zone("Z", [1, 1]), "zone Z lists bus 1 twice");
        Refused(() => new Interface("I", [new(0, 1)], 0), "limit of interface I must be a positive number");
        Refused(() => new Interface("I", [new(0, 1), new(0, 2)], 10), "names branch 0 twice");
        Refused(() => new Nomogram("N", [new InjectionTerm(1, 1), new InjectionTerm(1, 2)], 10), "has the term inj:1 twice");
        Refused(() => new Contingency("C", -1), "negative");
        Assert.Equal(-5, new Nomogram("N", [new FlowTerm(0, -1)], -5).Limit);
    }

    [Fact]
    public void Market_input_checks_references_between_records()
    {
        var g = new Resource("G", "P", 1, ResourceKind.Generator, Election.Nodal, 5);
        var l = new Resource("L", "P", 2, ResourceKind.Load, Election.Zonal);
        var offer = new OfferCurve([new(10, 20)]);
        var bid = new BidCurve([new(10, 20)]);
        var schedule = new Schedule("S", "P", true, [new(1, 10), new(2, -10)]);

        var ok = new MarketInput(Resources: [g, l], Offers: Map(("G", offer)), Demand: Map(("L", 3.0)), Schedules: [schedule]);
        Assert.Same(g, ok.FindResource("G"));
        Assert.Same(schedule, ok.FindSchedule("S"));

        Refused(() => new MarketInput(Offers: Map(("G", offer))), "without resources");
        Refused(() => new MarketInput(Resources: [g, g], Offers: Map(("G", offer))), "resource G appears twice");
        Refused(() => new MarketInput(Resources: [g, l], Demand: Map(("L", 3.0))), "generator G has no offer");
        Refused(() => new MarketInput(Resources: [g, l], Offers: Map(("G", offer), ("L", offer)), Demand: Map(("L", 3.0))), "offer for L, which is a load");
        _ = new MarketInput(Resources: [g, l], Offers: Map(("G", offer)), Bids: Map(("L", bid)), Demand: Map(("L", 3.0))); // both: allowed
        Refused(() => new MarketInput(Resources: [g, l], Offers: Map(("G", offer))), "neither a bid nor a fixed demand");
        Refused(() => new MarketInput(Resources: [g, l], Offers: Map(("G", new OfferCurve([new(4, 1)]))), Demand: Map(("L", 3.0))), "min_mw 5 exceeds its offered capacity 4");
        Refused(() => new MarketInput(Schedules: [schedule], Adjustments: [new AdjustmentBid("S", 3, AdjustmentDirection.Inc, [new(1, 1)])]), "not one of its legs");
        Refused(() => new MarketInput(Adjustments: [new AdjustmentBid("T", 1, AdjustmentDirection.Inc, [new(1, 1)])]), "unknown schedule T");
        Refused(() => new MarketInput(Zones: [new Zone("A", [1, 2]), new Zone("B", [2])]), "bus 2 is in zones A and B");
        Refused(() => new MarketInput(Nomograms: [new Nomogram("N", [new InterfaceTerm("I", 1)], 1)]), "unknown interface I");
        Refused(() => new MarketInput(Contingencies: [new Contingency("A", 1), new Contingency("B", 1)]), "trip the same branch");
    }

    [Fact]
    public void Dictionaries_iterate_in_the_order_given()
    {
        var names = Enumerable.Range(0, 50).Select(i => $"G{(i * 37) % 50}").ToArray();
        var resources = names.Select(n => new Resource(n, "P", 1, ResourceKind.Generator, Election.Nodal)).ToList();
        var offers = new OrderedDictionary<string, OfferCurve>();
        foreach (var n in names)
        {
            offers.Add(n, new OfferCurve([new(1, 1)]));
        }

        var market = new MarketInput(Resources: resources, Offers: offers);
        Assert.Equal(names, market.Offers.Keys);
    }

    [Fact]
    public void Default_zones_are_the_case_areas_in_area_order()
    {
        var network = new Gridclear.Network.Network("n", 100, [10, 20, 30, 40], [0, 0, 0, 0], [2, 1, 2, 1], [], [], 0);
        var zones = MarketInput.DefaultZones(network);
        Assert.Equal(["1", "2"], zones.Select(z => z.Id));
        Assert.Equal([20, 40], zones[0].Buses);
        Assert.Equal([10, 30], zones[1].Buses);
        Assert.Null(MarketInput.Empty.Zones);
        Assert.Equal(2, MarketInput.Empty.ZonesOf(network).Count);

        var e = Assert.Throws<ArgumentException>(() => new MarketInput(Zones: [new Zone("A", [10, 20, 30])]).CheckAgainst(network));
        Assert.Contains("in no zone, e.g. 40", e.Message, StringComparison.Ordinal);
    }

    private static OrderedDictionary<string, T> Map<T>(params (string Key, T Value)[] items)
    {
        var map = new OrderedDictionary<string, T>();
        foreach (var (k, v) in items)
        {
            map.Add(k, v);
        }

        return map;
    }
}
