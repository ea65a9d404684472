using Gridclear.Market;
using Gridclear.Settlement;
using static Gridclear.Tests.Market.MarketHarness;

namespace Gridclear.Tests.Market;

/// <summary>
/// A three-bus market cleared by the engine and settled, against prices and money derived by hand here.
/// <para>Network: lines 1-2, 1-3, 2-3 of equal reactance; 1-3 limited to 80 MW; reference bus 3. A unit injection at
/// bus 1 (withdrawn at 3) flows 2/3 on 1-3; one at bus 2 flows 1/3 on 1-3.</para>
/// <para>Participation: Alpha's GA at bus 1 (zonal) offers 100 MW at 15 and 100 at 20; Beta's GB at bus 2 (zonal)
/// 100 at 50 and 100 at 60; Gamma's load L2 at bus 2 (zonal) takes 30 MW; Delta's L3 at bus 3 (zonal) 120 MW; Sigma's
/// balanced schedule S moves 15 MW from bus 2 to bus 3 (no adjustment bids, kept as submitted).
/// Zones: Z1 = {1, 2}, Z2 = {3}.</para>
/// <para>Dispatch: gA + gB = 150 (the schedule is balanced); unconstrained, GA would serve it all and 1-3 would carry
/// 2/3·150 − 1/3·30 + 1/3·15 = 95 &gt; 80. Binding: 2/3·gA + 1/3·(gB − 30) + 1/3·15 = 80 → 2gA + gB = 255 → gA = 105,
/// gB = 45: GA is marginal on its 20 step, GB on its 50 step.</para>
/// <para>Prices: LMPᵢ = λ₃ − μ·PTDFᵢ: 20 = λ₃ − 2μ/3, 50 = λ₃ − μ/3 → μ = 90, λ₃ = 80. So LMP = 20, 50, 80.</para>
/// </summary>
public sealed class HandComputedMarketTests
{
    private static readonly Gridclear.Network.Network ThreeBus =
        Grid(3, [(1, 2, 0.1, double.PositiveInfinity), (1, 3, 0.1, 80), (2, 3, 0.1, double.PositiveInfinity)], referenceBus: 3);

    private static MarketInput Market() => new(
        Resources:
        [
            Gen("GA", "Alpha", 1, Election.Zonal),
            Gen("GB", "Beta", 2, Election.Zonal),
            Load("L2", "Gamma", 2, Election.Zonal),
            Load("L3", "Delta", 3, Election.Zonal),
        ],
        Offers: new Dictionary<string, OfferCurve> { ["GA"] = Offer((100, 15), (100, 20)), ["GB"] = Offer((100, 50), (100, 60)) },
        Demand: new Dictionary<string, double> { ["L2"] = 30, ["L3"] = 120 },
        Schedules: [new Schedule("S", "Sigma", true, [new ScheduleLeg(2, 15), new ScheduleLeg(3, -15)])],
        Zones: [new Zone("Z1", [1, 2]), new Zone("Z2", [3])]);

    [Fact]
    public void Dispatch_and_bus_prices_are_the_hand_derived_ones()
    {
        var (r, _) = ClearAndSettle(ThreeBus, Market());

        Assert.Equal(ClearingStatus.Optimal, r.Status);
        Assert.Equal(105, Mw(r, "GA"), Tolerance);
        Assert.Equal(45, Mw(r, "GB"), Tolerance);
        Assert.Equal(20, Lmp(r, 1), Tolerance);
        Assert.Equal(50, Lmp(r, 2), Tolerance);
        Assert.Equal(80, Lmp(r, 3), Tolerance);
        var line = Assert.Single(r.Constraints, c => c.Kind == ConstraintKind.Branch);
        Assert.Equal("1-3", line.Constraint);
        Assert.Equal(80, line.Flow, Tolerance);
        Assert.Equal(80, line.Limit, Tolerance);
        Assert.Equal(90, line.ShadowPrice, Tolerance);
    }

    [Fact]
    public void Zonal_prices_usage_and_constrained_payments_match_the_hand_computation_to_the_cent()
    {
        var (_, s) = ClearAndSettle(ThreeBus, Market());

        // Zonal prices (D7): Z1 generation = (105·20 + 45·50) / 150 = 29; Z1 load = L2's bus, 50.
        // Z2 has no zonal generator: its generation price falls back to its loads' average, 80.
        const decimal gen1 = ((105m * 20) + (45m * 50)) / 150, load1 = 50, load2 = 80;
        Assert.Equal(29m, gen1);
        var z1 = s.ZonalPrices.Single(z => z.Zone == "Z1");
        var z2 = s.ZonalPrices.Single(z => z.Zone == "Z2");
        Assert.Equal((double)gen1, z1.GenerationPrice, Tolerance);
        Assert.Equal((double)load1, z1.LoadPrice, Tolerance);
        Assert.Equal((double)load2, z2.LoadPrice, Tolerance);

        // Energy at the elected (zonal) prices.
        Assert.Equal(105 * gen1, Amount(s, "Alpha", Charges.Energy));           // 3045.00
        Assert.Equal(45 * gen1, Amount(s, "Beta", Charges.Energy));             // 1305.00
        Assert.Equal(-30 * load1, Amount(s, "Gamma", Charges.Energy));          // −1500.00
        Assert.Equal(-120 * load2, Amount(s, "Delta", Charges.Energy));         // −9600.00

        // Usage charge (D12): Q × (withdrawal LMP − injection LMP) = 15 × (80 − 50) = 450, paid by Sigma.
        const decimal usage = 15m * (80 - 50);
        Assert.Equal(-usage, Amount(s, "Sigma", Charges.Usage));

        // Constrained off (D10): GA's 20 $/MWh step is below its zonal price 29 but only 5 of its 100 MW ran.
        const decimal off = 95m * (29 - 20);                                    // 855.00
        Assert.Equal(off, Amount(s, "Alpha", Charges.ConstrainedOff));
        Assert.Equal(0m, Amount(s, "Alpha", Charges.ConstrainedOn));

        // Constrained on: GB ran 45 MW of its 50 $/MWh step, above its zonal price 29.
        const decimal on = 45m * (50 - 29);                                     // 945.00
        Assert.Equal(on, Amount(s, "Beta", Charges.ConstrainedOn));
        Assert.Equal(0m, Amount(s, "Beta", Charges.ConstrainedOff));

        // Uplift (D11): the zonal rent, Z1's (load − generation price) × matched MWh = (50 − 29) × min(30, 150) = 630,
        // offsets part of the 1800; the other 1170 is charged to all loads pro rata to MWh (30 and 120 of 150).
        const decimal rent = (50m - 29) * 30, toLoads = on + off - rent;
        Assert.Equal(1170m, toLoads);
        Assert.Equal(-toLoads * 30 / 150, Amount(s, "Gamma", Charges.Uplift));   // −234.00
        Assert.Equal(-toLoads * 120 / 150, Amount(s, "Delta", Charges.Uplift));  // −936.00
        Assert.Equal(-rent, Amount(s, SettlementLine.Operator, Charges.Uplift));

        // The operator keeps what energy and schedules left: 9600 + 1500 + 450 − 3045 − 1305 = 7200.
        Assert.Equal(7200m, Amount(s, SettlementLine.Operator, Charges.CongestionRent));
        Assert.Equal(0m, s.Lines.Sum(l => l.Amount));
    }
}
