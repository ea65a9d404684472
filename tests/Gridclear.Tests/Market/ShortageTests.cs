using Gridclear.Market;
using Gridclear.Settlement;
using static Gridclear.Tests.Market.MarketHarness;

namespace Gridclear.Tests.Market;

/// <summary>
/// Unserved and surplus energy are slacks at the bus where they happen (load shed where the load is, output spilled
/// where it is injected), priced by hand on three-bus networks. Penalties: energy 10,000 $/MWh, a line 5,000 $/MWh.
/// </summary>
public sealed class ShortageTests
{
    private const double Penalty = 10_000;

    /// <summary>
    /// Radial 1 – 2 – 3, reference bus 1, line 1-2 rated 80 MW. G1 at bus 1 offers 100 MW at 20; L3 at bus 3 takes 160
    /// MW fixed. G1 cannot cover L3: 60 MW are unserved whatever the network. Each MW G1 sends beyond 80 overloads 1-2 at
    /// 5,000 and saves 10,000 of unserved energy, so G1 runs its 100 MW, 1-2 carries 100 (20 relaxed) and 60 MW are shed
    /// at bus 3. Prices: the shed at bus 3 is between its bounds, so LMP3 = 10,000 = LMP2 (no line between them binds);
    /// 1-2's slack is basic, so its shadow price is its penalty 5,000 and LMP1 = 10,000 − 5,000 = 5,000.
    /// With the shortage at the reference bus (the old model) all 160 MW would cross 1-2: 80 relaxed, LMP3 = 15,000.
    /// </summary>
    [Fact]
    public void Shortage_behind_a_line_is_shed_where_the_load_is_at_the_penalty_price()
    {
        var grid = Grid(3, [(1, 2, 0.1, 80), (2, 3, 0.1, double.PositiveInfinity)], referenceBus: 1);
        var input = new MarketInput(
            Resources: [Gen("G1", "A", 1, Election.Nodal), Load("L3", "B", 3, Election.Nodal)],
            Offers: new Dictionary<string, OfferCurve> { ["G1"] = Offer((100, 20)) },
            Demand: new Dictionary<string, double> { ["L3"] = 160 });
        var (r, s) = ClearAndSettle(grid, input);

        Assert.Equal(ClearingStatus.Relaxed, r.Status);
        var shed = Assert.Single(r.EnergyRelaxations);
        Assert.Equal(3, shed.Bus);
        Assert.Equal(60, shed.UnservedMw, Tolerance);
        Assert.Equal(0, shed.SurplusMw);
        Assert.Equal(5_000, Lmp(r, 1), Tolerance);
        Assert.Equal(Penalty, Lmp(r, 2), Tolerance);
        Assert.Equal(Penalty, Lmp(r, 3), Tolerance);
        Assert.Equal(Penalty, shed.Lmp, Tolerance);

        var line = Assert.Single(r.Constraints, c => c.Kind == ConstraintKind.Branch);
        Assert.Equal("1-2", line.Constraint);
        Assert.Equal(100, line.Flow, Tolerance);
        Assert.Equal(20, line.RelaxedMw, Tolerance);
        Assert.Equal(5_000, line.ShadowPrice, Tolerance);
        Assert.Equal(60, r.Constraints.Single(c => c.Kind == ConstraintKind.Balance).RelaxedMw, Tolerance);

        // The load is awarded what it is served; the money then matches the flows: L3 pays 100 × 10,000, G1 is paid
        // 100 × 5,000, and the operator keeps 1-2's rent 100 × (10,000 − 5,000).
        Assert.Equal(100, Mw(r, "G1"), Tolerance);
        Assert.Equal(100, Mw(r, "L3"), Tolerance);
        Assert.Equal(-1_000_000m, Amount(s, "B", Charges.Energy));
        Assert.Equal(500_000m, Amount(s, "A", Charges.Energy));
        Assert.Equal(500_000m, Amount(s, SettlementLine.Operator, Charges.CongestionRent));
        Assert.Equal(0m, s.Lines.Sum(l => l.Amount));
    }

    /// <summary>
    /// A shortage behind a binding line that is dearer to overload than to shed (branch penalty 20,000): radial 1 – 2 –
    /// 3, reference bus 1, line 1-2 rated 80 MW. G1 at bus 1 offers 200 MW at 20, enough for L3's 160 MW fixed, but only
    /// 80 MW can cross 1-2. By hand: G1 runs 80 (marginal, LMP1 = 20), 80 MW are shed at bus 3 (between its bounds:
    /// LMP3 = LMP2 = 10,000), 1-2 carries exactly 80 with shadow price 10,000 − 20 = 9,980 and nothing relaxed. The
    /// first clearing (one slack pair at the reference bus, the system being able to cover its load) must overload 1-2
    /// at 20,000 to reach bus 3 and prices bus 3 above the penalty: the market clears again with per-bus slacks.
    /// Money: L3 pays 80 × 10,000, G1 is paid 80 × 20, the operator keeps 80 × 9,980.
    /// </summary>
    [Fact]
    public void Shortage_behind_a_binding_line_prices_at_the_penalty_there_and_the_line_at_the_difference()
    {
        var grid = Grid(3, [(1, 2, 0.1, 80), (2, 3, 0.1, double.PositiveInfinity)], referenceBus: 1);
        var input = new MarketInput(
            Resources: [Gen("G1", "A", 1, Election.Nodal), Load("L3", "B", 3, Election.Nodal)],
            Offers: new Dictionary<string, OfferCurve> { ["G1"] = Offer((200, 20)) },
            Demand: new Dictionary<string, double> { ["L3"] = 160 });
        input.CheckAgainst(grid);
        using var shiftFactors = new Gridclear.Flows.ShiftFactors(grid, new Gridclear.Native.Klu.KluSolver());
        var security = new SecurityModel(grid, shiftFactors, input.Interfaces, input.Nomograms, input.Contingencies);
        var r = DayAheadMarket.Clear(security, input, new Gridclear.Native.Clp.ClpSolver(), new ClearingOptions(Penalties: new PenaltyPrices(Branch: 20_000)));
        var s = DayAheadSettlement.Settle(ClearingOutcome.ToSettlementInput(r, input, grid));

        Assert.Equal(ClearingStatus.Relaxed, r.Status);
        var shed = Assert.Single(r.EnergyRelaxations);
        Assert.Equal(3, shed.Bus);
        Assert.Equal(80, shed.UnservedMw, Tolerance);
        Assert.Equal(20, Lmp(r, 1), Tolerance);
        Assert.Equal(Penalty, Lmp(r, 2), Tolerance);
        Assert.Equal(Penalty, Lmp(r, 3), Tolerance);
        var line = Assert.Single(r.Constraints, c => c.Kind == ConstraintKind.Branch);
        Assert.Equal("1-2", line.Constraint);
        Assert.Equal(80, line.Flow, Tolerance);
        Assert.Equal(0, line.RelaxedMw);
        Assert.Equal(Penalty - 20, line.ShadowPrice, Tolerance);
        Assert.Equal(80, Mw(r, "G1"), Tolerance);
        Assert.Equal(80, Mw(r, "L3"), Tolerance);
        Assert.Equal(-800_000m, Amount(s, "B", Charges.Energy));
        Assert.Equal(1_600m, Amount(s, "A", Charges.Energy));
        Assert.Equal(798_400m, Amount(s, SettlementLine.Operator, Charges.CongestionRent));
        Assert.Equal(0m, s.Lines.Sum(l => l.Amount));
    }

    /// <summary>
    /// A triangle of equal reactances, reference bus 1, line 1-3 rated 60 MW. G1 at bus 1 offers 100 MW at 20; L2 (bus 2)
    /// takes 50 fixed and L3 (bus 3) 100: 50 MW short. Shedding at bus 3 keeps 1-3 within its limit (serving d2 and d3 it
    /// carries d2/3 + 2·d3/3 ≤ 60 with d2 + d3 = 100), so no line is overloaded and every price is the penalty. Shortage
    /// at the reference bus would push 150 MW out of bus 1: 1-3 would carry 83.3 MW, 23.3 over its limit.
    /// </summary>
    [Fact]
    public void Shortage_does_not_overload_lines_elsewhere()
    {
        var grid = Grid(3, [(1, 2, 0.1, double.PositiveInfinity), (1, 3, 0.1, 60), (2, 3, 0.1, double.PositiveInfinity)], referenceBus: 1);
        var input = new MarketInput(
            Resources: [Gen("G1", "A", 1, Election.Nodal), Load("L2", "B", 2, Election.Nodal), Load("L3", "C", 3, Election.Nodal)],
            Offers: new Dictionary<string, OfferCurve> { ["G1"] = Offer((100, 20)) },
            Demand: new Dictionary<string, double> { ["L2"] = 50, ["L3"] = 100 });
        var (r, s) = ClearAndSettle(grid, input);

        Assert.Equal(50, r.EnergyRelaxations.Sum(e => e.UnservedMw), Tolerance);
        Assert.DoesNotContain(r.Constraints, c => c.Kind == ConstraintKind.Branch && c.IsRelaxed);
        Assert.True(Math.Abs(r.BranchFlows[1]) <= 60 + Tolerance, $"1-3 carries {r.BranchFlows[1]} MW");
        Assert.All(r.Prices, p => Assert.Equal(Penalty, p.Lmp, Tolerance));
        Assert.Equal(100, Mw(r, "G1"), Tolerance);
        Assert.Equal(100, Mw(r, "L2") + Mw(r, "L3"), Tolerance);
        Assert.Equal(0m, s.Lines.Sum(l => l.Amount));
    }

    /// <summary>
    /// Radial 1 – 2, reference bus 1, rated 50 MW. G2 at bus 2 must run 100 MW (min_mw, offered 150 at 10); L1 at bus 1
    /// takes 30 fixed. 70 MW of G2's minimum run cannot be absorbed: spilled at bus 2, where it is injected, so only 30 MW
    /// cross the line and both prices are minus the penalty. Spilled at the reference bus (the old model), all 100 MW would
    /// cross the 50 MW line. G2 is awarded what it injects: its minimum run less the spill.
    /// </summary>
    [Fact]
    public void Surplus_is_spilled_where_it_is_injected()
    {
        var grid = Grid(2, [(1, 2, 0.1, 50)], referenceBus: 1);
        var input = new MarketInput(
            Resources: [new Resource("G2", "A", 2, ResourceKind.Generator, Election.Nodal, MinMw: 100), Load("L1", "B", 1, Election.Nodal)],
            Offers: new Dictionary<string, OfferCurve> { ["G2"] = Offer((150, 10)) },
            Demand: new Dictionary<string, double> { ["L1"] = 30 });
        var (r, s) = ClearAndSettle(grid, input);

        var spill = Assert.Single(r.EnergyRelaxations);
        Assert.Equal(2, spill.Bus);
        Assert.Equal(70, spill.SurplusMw, Tolerance);
        Assert.Equal(0, spill.UnservedMw);
        Assert.Equal(-30, r.BranchFlows[0], Tolerance); // from bus 2 to bus 1
        Assert.DoesNotContain(r.Constraints, c => c.Kind == ConstraintKind.Branch);
        Assert.All(r.Prices, p => Assert.Equal(-Penalty, p.Lmp, Tolerance));
        Assert.Equal(30, Mw(r, "G2"), Tolerance);
        Assert.Equal(30, Mw(r, "L1"), Tolerance);
        Assert.Equal(0m, Amount(s, SettlementLine.Operator, Charges.CongestionRent));
    }

    /// <summary>
    /// Demand at one bus far beyond everything the system could supply (1e6 MW, on a quadratic-cost case whose barrier
    /// used to stop at its iteration limit, and 1e7, the input limit) clears relaxed with the same prices and the same
    /// served MW as a merely large shortage: the part no dispatch could serve is unserved before the LP. A bus load beyond
    /// the input limit (1e12, 1e15 MW) is refused as bad input naming the case line; so is a bus whose loads together must
    /// withdraw more than <see cref="DispatchProblem.MaxBusMw"/>.
    /// </summary>
    [Fact]
    public void Shortage_of_any_size_clears_with_the_same_prices_on_a_quadratic_case()
    {
        double[]? reference = null;
        double? served = null;
        foreach (var load in new[] { 5e3, 1e6, 1e7 })
        {
            var r = Case30WithBus2Load(load);
            Assert.Equal(ClearingStatus.Relaxed, r.Status);
            Assert.Equal(Penalty, Lmp(r, 2), 1e-4);
            var prices = r.Prices.Select(p => p.Lmp).ToArray();
            reference ??= prices;
            Assert.Equal(reference, prices, (a, b) => Math.Abs(a - b) <= 1e-4);
            var servedHere = load - r.EnergyRelaxations.Single(e => e.Bus == 2).UnservedMw;
            served ??= servedHere;
            Assert.Equal(served.Value, servedHere, 1e-4);
        }

        foreach (var load in new[] { 1e12, 1e15 })
        {
            var e = Assert.Throws<InvalidInputException>(() => Case30WithBus2Load(load));
            Assert.Contains("bus 2", e.Message, StringComparison.Ordinal);
            Assert.Contains("beyond the limit of ±1e7 MW", e.Message, StringComparison.Ordinal);
        }

        // 101 loads of 1e7 MW at one bus, each within the input limit, 1.01e9 MW together: beyond what a bus can clear.
        var grid = Grid(2, [(1, 2, 0.1, double.PositiveInfinity)], referenceBus: 1);
        var loads = Enumerable.Range(1, 101).Select(k => Load($"L{k}", "B", 2, Election.Nodal)).ToList();
        var input = new MarketInput(
            Resources: [Gen("G1", "A", 1, Election.Nodal), .. loads],
            Offers: new Dictionary<string, OfferCurve> { ["G1"] = Offer((100, 20)) },
            Demand: loads.ToDictionary(l => l.Id, _ => 1e7));
        var beyond = Assert.Throws<InvalidInputException>(() => Clear(grid, input));
        Assert.Contains("bus 2", beyond.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A load with a fixed demand AND a bid curve (FORMATS): one bus, G offers 100 MW at 20 then 100 at 50; L takes 80 MW
    /// fixed and bids 30 MW at 60 and 50 at 40. 80 + 30 = 110 MW clear (the 60 step is worth more than G's 50 step, the
    /// 40 step is not): G runs 110, the price is 50, L pays 110 × 50. With G's offer cut to 70 MW the bids clear nothing
    /// and 10 MW of the fixed part are unserved at the penalty, which is the price.
    /// </summary>
    [Fact]
    public void A_load_with_fixed_demand_and_bids_clears_both_and_pays_for_both()
    {
        var grid = Grid(2, [(1, 2, 0.1, double.PositiveInfinity)]);
        MarketInput Input(OfferCurve offer) => new(
            Resources: [Gen("G", "A", 1, Election.Nodal), Load("L", "B", 1, Election.Nodal)],
            Offers: new Dictionary<string, OfferCurve> { ["G"] = offer },
            Bids: new Dictionary<string, BidCurve> { ["L"] = Bid((30, 60), (50, 40)) },
            Demand: new Dictionary<string, double> { ["L"] = 80 });

        var (r, s) = ClearAndSettle(grid, Input(Offer((100, 20), (100, 50))));
        Assert.Equal(ClearingStatus.Optimal, r.Status);
        Assert.Equal(110, Mw(r, "G"), Tolerance);
        Assert.Equal(110, Mw(r, "L"), Tolerance);
        Assert.Equal(50, Lmp(r, 1), Tolerance);
        Assert.Equal(-5_500m, Amount(s, "B", Charges.Energy));
        Assert.Equal(5_500m, Amount(s, "A", Charges.Energy));

        var (short_, _) = ClearAndSettle(grid, Input(Offer((70, 20))));
        Assert.Equal(ClearingStatus.Relaxed, short_.Status);
        Assert.Equal(70, Mw(short_, "L"), Tolerance);
        Assert.Equal(10, Assert.Single(short_.EnergyRelaxations).UnservedMw, Tolerance);
        Assert.Equal(Penalty, Lmp(short_, 1), Tolerance);
    }

    /// <summary>
    /// The review's reproductions on case30. With 500 MW more at bus 2 the shortage is shed where it is: bus 2 prices at
    /// the penalty and line 1-2 is not overloaded (it was by 218 MW, with prices up to 14,944). With every load ×10 no
    /// line needs relaxing at all: shedding where the loads are leaves every price at the penalty (it was 62,289 $/MWh
    /// with 157 relaxed constraints).
    /// </summary>
    [Fact]
    public void Case30_shortages_price_at_the_penalty_where_they_are()
    {
        var r = Case30WithBus2Load(521.7);
        Assert.Equal(Penalty, Lmp(r, 2), 1e-4);
        Assert.DoesNotContain(r.Constraints, c => c.Constraint == "1-2" && c.IsRelaxed);
        Assert.True(Math.Abs(r.BranchFlows[0]) <= 130 + 1e-6, $"1-2 carries {r.BranchFlows[0]} MW");
        Assert.True(r.EnergyRelaxations.Single(e => e.Bus == 2).UnservedMw > 200);

        // Every bus shedding part of its load prices at the penalty; a bus shedding all of it may price above, by no
        // more than the binding constraints' shadow prices (|shift factor| ≤ 1 on each).
        var loads = Gridclear.Tests.DayAhead.Clearing.Compile(Gridclear.IO.Matpower.MatpowerReader.Parse(Case30Text(521.7), "case30")).BusLoadMw;
        foreach (var e in r.EnergyRelaxations)
        {
            var partial = e.UnservedMw < loads[e.Bus - 1] - 1e-6;
            Assert.True(partial ? Math.Abs(e.Lmp - Penalty) < 1e-4 : e.Lmp >= Penalty - 1e-4, $"bus {e.Bus}: {e.UnservedMw} MW shed at {e.Lmp}");
        }

        var justified = r.Constraints.Where(c => c.Kind != ConstraintKind.Balance).Sum(c => c.ShadowPrice);
        Assert.True(r.Prices.Max(p => p.Lmp) <= Penalty + justified + 1e-4, $"{r.Prices.Max(p => p.Lmp)} > {Penalty} + {justified}");

        // Lines relaxed at all are relaxed only because overloading one (5,000) is cheaper than shedding (10,000): the
        // generation trapped behind export limits, about 1 MW each (the old model overloaded 1-2 alone by 218 MW).
        Assert.True(r.Constraints.Where(c => c.Kind == ConstraintKind.Branch).Sum(c => c.RelaxedMw) < 5);
        Assert.All(r.Constraints.Where(c => c.Kind == ConstraintKind.Branch && c.IsRelaxed), c => Assert.Equal(5_000, c.ShadowPrice, 1e-4));

        var text = File.ReadAllText(Gridclear.Tests.Support.TestPaths.Case("case30"));
        var network = Gridclear.Tests.DayAhead.Clearing.Compile(Gridclear.IO.Matpower.MatpowerReader.Parse(text, "case30"));
        var x10 = Gridclear.Tests.DayAhead.Clearing.Run(Scaled(text, 10), MarketInput.Empty).Result;
        Assert.Equal(ClearingStatus.Relaxed, x10.Status);
        Assert.DoesNotContain(x10.Constraints, c => c.Kind != ConstraintKind.Balance);
        Assert.All(x10.Prices, p => Assert.Equal(Penalty, p.Lmp, 1e-4));
        Assert.Equal((10 * network.BusLoadMw.Sum()) - network.Generators.Sum(g => g.PmaxMw), x10.EnergyRelaxations.Sum(e => e.UnservedMw), 1e-4);
    }

    /// <summary>case30 with every bus's PD multiplied by <paramref name="factor"/>.</summary>
    private static Gridclear.Network.Network Scaled(string text, double factor) =>
        Gridclear.Tests.DayAhead.Clearing.Compile(Gridclear.IO.Matpower.MatpowerReader.Parse(ScaleLoads(text, factor), "case30x10"));

    /// <summary>A MATPOWER case's text with every bus's PD multiplied by <paramref name="factor"/>.</summary>
    internal static string ScaleLoads(string text, double factor)
    {
        var lines = text.Split('\n');
        var inBus = false;
        for (var k = 0; k < lines.Length; k++)
        {
            inBus = lines[k].StartsWith("mpc.bus = [", StringComparison.Ordinal) || (inBus && !lines[k].StartsWith("];", StringComparison.Ordinal));
            var f = lines[k].Split('\t');
            if (inBus && f.Length > 4 && int.TryParse(f[1], out _))
            {
                f[3] = (double.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture) * factor).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
                lines[k] = string.Join('\t', f);
            }
        }

        return string.Join('\n', lines);
    }

    /// <summary>case30 (quadratic costs) with bus 2's load set to <paramref name="mw"/>.</summary>
    private static DayAheadResult Case30WithBus2Load(double mw)
    {
        var network = Gridclear.Tests.DayAhead.Clearing.Compile(Gridclear.IO.Matpower.MatpowerReader.Parse(Case30Text(mw), "case30"));
        return Gridclear.Tests.DayAhead.Clearing.Run(network, MarketInput.Empty).Result;
    }

    private static string Case30Text(double bus2Mw)
    {
        var text = File.ReadAllText(Gridclear.Tests.Support.TestPaths.Case("case30"));
        const string bus2 = "\t2\t2\t21.7\t";
        Assert.Contains(bus2, text, StringComparison.Ordinal);
        return text.Replace(bus2, $"\t2\t2\t{bus2Mw.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}\t", StringComparison.Ordinal);
    }
}
