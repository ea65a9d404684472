using Gridclear.Market;
using Gridclear.Native.Clp;
using Gridclear.Network;
using Gridclear.Solvers;

namespace Gridclear.Tests.DayAhead;

/// <summary>The shift-factor engine against an independent angle-based (B-θ) formulation of the same market.</summary>
public sealed class AngleFormulationTests
{
    /// <summary>The tolerance: the same objective (relative) and the same prices ($/MWh).</summary>
    private const double SameObjectiveRelative = 1e-6;

    private const double SamePrice = 1e-6;

    /// <summary>
    /// Congested cases without a MATPOWER reference here (case2383wp, pglib_opf_case2000_goc) are checked this way too.
    /// pglib_opf_case2000_goc with its quadratic costs is left out: Clp's barrier stops 1 % short of the optimum on its
    /// angle-form QP (the shift-factor dispatch is feasible — every rating and angle limit — and cheaper), while its
    /// linear variant, solved by simplex, agrees exactly.
    /// </summary>
    public static TheoryData<string> Cases() => ["case5", "case30", "case118", "pglib_opf_case118_ieee", "case300", "case30_lin", "case2383wp", "case2383wp_lin", "pglib_opf_case2000_goc_pwl3"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void SameObjectiveAndPrices(string name) => AssertSame(Clearing.Compile(Clearing.ReadCase(name)), MarketInput.Empty);

    /// <summary>No small shared case has a phase shifter (case13659pegase's cost is flat): give three of
    /// pglib_opf_case118_ieee's branches a shift, one of them a limited, congested line.</summary>
    [Fact]
    public void SameObjectiveAndPricesWithPhaseShifters()
    {
        var powerCase = Clearing.ReadCase("pglib_opf_case118_ieee");
        var branches = powerCase.Branches.ToList();
        foreach (var (row, degrees) in new[] { (7, 4.0), (36, -3.0), (95, 6.0) })
        {
            branches[row] = branches[row] with { AngleDeg = degrees };
        }

        var network = Clearing.Compile(powerCase with { Branches = branches });
        Assert.Equal(3, network.Branches.Count(b => b.IsPhaseShifter));
        AssertSame(network, MarketInput.Empty);
    }

    /// <summary>Interfaces and nomograms on case5 through a market folder's records, in both formulations.</summary>
    [Fact]
    public void SameObjectiveAndPricesWithInterfacesAndNomograms()
    {
        var network = Clearing.Compile(Clearing.ReadCase("case5"));
        int Branch(int from, int to) => Enumerable.Range(0, network.BranchCount)
            .Single(l => network.BusIds[network.Branches[l].From] == from && network.BusIds[network.Branches[l].To] == to);
        var input = new MarketInput(
            Interfaces: [new Interface("WEST", [new BranchTerm(Branch(1, 2), 1), new BranchTerm(Branch(1, 4), 1)], 350)],
            Nomograms: [new Nomogram("N1", [new FlowTerm(Branch(2, 3), 1), new InjectionTerm(3, 0.5), new InterfaceTerm("WEST", 0.2)], 250)]);
        var ptdf = AssertSame(network, input);
        Assert.Contains(ptdf.Constraints, c => c.Kind is ConstraintKind.Interface or ConstraintKind.Nomogram);
    }

    private static DayAheadResult AssertSame(Gridclear.Network.Network network, MarketInput input)
    {
        var ptdf = Clearing.Run(network, input).Result;
        var angle = AngleFormulation.Clear(network, input, new ClpSolver());
        Assert.Equal(LpStatus.Optimal, angle.Status);
        Assert.True(angle.MaxAngle < 0.9 * AngleFormulation.AngleBox, "the angle box must not bind");
        Assert.Equal(ClearingStatus.Optimal, ptdf.Status);
        Assert.True(
            Math.Abs(ptdf.Objective - angle.Objective) <= SameObjectiveRelative * Math.Max(1, Math.Abs(angle.Objective)),
            $"{network.Name}: PTDF {ptdf.Objective:R}, B-θ {angle.Objective:R}");
        Assert.True(ptdf.PricesUnique, "compare prices only where they are unique");
        var worst = Enumerable.Range(0, network.BusCount).MaxBy(i => Math.Abs(ptdf.Prices[i].Lmp - angle.Lmp[i]));
        Assert.True(
            Math.Abs(ptdf.Prices[worst].Lmp - angle.Lmp[worst]) <= SamePrice,
            $"{network.Name}: bus {network.BusIds[worst]} LMP {ptdf.Prices[worst].Lmp:R} (PTDF), {angle.Lmp[worst]:R} (B-θ)");
        return ptdf;
    }
}
